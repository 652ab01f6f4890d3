package io.panelflow.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a run's progress from successive views of it ({@code GET /api/runs/{runId}}): one line each time a stage
 * reaches a new status ({@code "index       COMPLETED"}, with the reason of a failed stage), nothing when nothing
 * changed.
 */
final class RunProgress {
    private final PrintWriter out;
    private final Map<String, String> shown = new HashMap<>();

    RunProgress(PrintWriter out) {
        this.out = out;
    }

    /** Prints what changed since the last view. */
    void update(JsonNode run) {
        JsonNode stages = run.path("stages");
        for (JsonNode stage : stages) {
            String name = stage.path("stage").asText("").toLowerCase(Locale.ROOT);
            String status = stage.path("status").asText("");
            if (name.isEmpty() || status.isEmpty() || status.equals(shown.get(name))) {
                continue;
            }
            shown.put(name, status);
            String reason = stage.hasNonNull("reason") ? " — " + stage.get("reason").asText() : "";
            out.println(String.format(Locale.ROOT, "%-11s %s%s", name, status, reason));
        }
        out.flush();
    }

    /** A one-paragraph description of a run for {@code status}. */
    static void describe(JsonNode run, PrintWriter out) {
        String name = run.hasNonNull("name") ? " (" + run.get("name").asText() + ")" : "";
        out.println("run " + run.path("runId").asText() + name + ": " + run.path("status").asText());
        for (JsonNode stage : run.path("stages")) {
            String reason = stage.hasNonNull("reason") ? " — " + stage.get("reason").asText() : "";
            String at = stage.hasNonNull("at") ? "  " + stage.get("at").asText() : "";
            out.println(String.format(Locale.ROOT, "  %-11s %-10s%s%s", stage.path("stage").asText("").toLowerCase(Locale.ROOT),
                    stage.path("status").asText(""), at, reason));
        }
        if (run.hasNonNull("error")) {
            out.println("  error: " + run.get("error").asText());
        }
        if (run.path("formats").size() > 0) {
            StringBuilder formats = new StringBuilder();
            run.path("formats").forEach(f -> formats.append(formats.length() == 0 ? "" : ", ").append(f.asText()));
            out.println("  formats: " + formats);
        }
        out.flush();
    }
}
