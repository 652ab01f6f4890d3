package io.panelflow.system;

import io.panelflow.testing.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged command-line client ({@code cli/panelflow}) against the running stack: {@code submit --wait --out}
 * of the demo study prints a line per stage and leaves every document and the bundle; {@code status} and
 * {@code fetch} read the run; a refused upload prints the same line as {@code validate} offline; a viewer's
 * upload and an unreachable service exit 3.
 */
@ExtendWith(SharedStack.class)
class CommandLineClientTest {

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Result panelflow(PipelineStack stack, TestUsers.User user, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", stack.root.resolve("cli/panelflow").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Path io = Files.createDirectories(stack.logDir.resolve("cli-output"));
        Path out = Files.createTempFile(io, "panelflow", ".out");
        Path err = Files.createTempFile(io, "panelflow", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("PANELFLOW_"));
        env.put("PANELFLOW_STATE_DIR", stack.logDir.resolve("no-state").toString());
        env.put("PANELFLOW_INGEST_URL", stack.ingestUrl());
        env.put("PANELFLOW_REPORT_URL", stack.reportUrl());
        env.put("PANELFLOW_USER", user.name());
        env.put("PANELFLOW_PASSWORD", user.password());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("panelflow " + String.join(" ", args) + " did not end in 5 min");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void submitWaitFollowsTheDemoRunAndDownloadsItsReport() throws Exception {
        PipelineStack stack = SharedStack.get();
        Path out = stack.logDir.resolve("cli-demo");
        Result submit = panelflow(stack, TestUsers.SUBMITTER, "submit", stack.demoPanel().toString(),
                stack.demoSpec().toString(), "--wait", "--out", out.toString());
        assertEquals(0, submit.code(), submit.toString());
        List<String> lines = submit.out().lines().toList();
        assertTrue(lines.get(0).matches("run [0-9a-f-]{36} accepted"), submit.toString());
        String runId = lines.get(0).split(" ")[1];
        for (String stage : List.of("ingest", "index", "estimation", "report")) {
            assertTrue(lines.stream().anyMatch(l -> l.matches(stage + " +COMPLETED")), stage + ": " + submit);
            assertEquals(1, lines.stream().filter(l -> l.matches(stage + " +COMPLETED")).count(),
                    "one line per stage and status: " + submit);
        }
        assertTrue(lines.contains("run " + runId + " COMPLETED"), submit.toString());
        assertEquals("", submit.err(), "nothing on standard error");
        for (String ext : List.of("html", "md", "tex", "docx", "csv", "json")) {
            Path doc = out.resolve("panelflow-" + runId + "." + ext);
            assertTrue(Files.size(doc) > 0, doc.toString());
        }
        try (ZipFile bundle = new ZipFile(out.resolve("panelflow-" + runId + "-bundle.zip").toFile())) {
            assertTrue(bundle.getEntry("data/demo-panel.csv") != null, "the bundle holds the upload");
        }
        try (ZipFile docx = new ZipFile(out.resolve("panelflow-" + runId + ".docx").toFile())) {
            assertTrue(docx.getEntry("word/document.xml") != null, "a DOCX document");
        }

        Result status = panelflow(stack, TestUsers.VIEWER, "status", runId);
        assertEquals(0, status.code(), status.toString());
        assertTrue(status.out().startsWith("run " + runId + " (digital-infrastructure-and-public-service-equalization): COMPLETED"),
                status.toString());

        Path fetched = stack.logDir.resolve("cli-fetch");
        Result fetch = panelflow(stack, TestUsers.VIEWER, "fetch", runId, "--format", "latex,markdown", "--out", fetched.toString());
        assertEquals(0, fetch.code(), fetch.toString());
        assertEquals(Files.readString(out.resolve("panelflow-" + runId + ".tex")),
                Files.readString(fetched.resolve("panelflow-" + runId + ".tex")));
        assertTrue(Files.exists(fetched.resolve("panelflow-" + runId + ".md")));
    }

    @Test
    void aRefusedUploadPrintsWhatValidatePrintsOffline() throws Exception {
        PipelineStack stack = SharedStack.get();
        List<String> rows = new ArrayList<>(Files.readAllLines(stack.demoPanel()));
        String[] cells = rows.get(4).split(",", -1);
        cells[5] = "n/a?";
        rows.set(4, String.join(",", cells));
        Path bad = Files.write(stack.logDir.resolve("cli-bad-panel.csv"), rows);

        Result offline = panelflow(stack, TestUsers.SUBMITTER, "validate", stack.demoSpec().toString(), bad.toString());
        Result online = panelflow(stack, TestUsers.SUBMITTER, "submit", bad.toString(), stack.demoSpec().toString(), "--wait");
        assertEquals(2, offline.code(), offline.toString());
        assertEquals(2, online.code(), online.toString());
        assertTrue(offline.err().startsWith("panelflow: Text in a numeric column: row 5, column pgdp"), offline.toString());
        assertEquals(offline.err(), online.err(), "the service's problem line, offline and online");

        Path badSpec = Files.writeString(stack.logDir.resolve("cli-bad-spec.yaml"),
                Files.readString(stack.demoSpec()).replace("method: entropy", "method: entropie"));
        Result specOffline = panelflow(stack, TestUsers.SUBMITTER, "validate", badSpec.toString());
        Result specOnline = panelflow(stack, TestUsers.SUBMITTER, "submit", stack.demoPanel().toString(), badSpec.toString());
        assertEquals(2, specOffline.code(), specOffline.toString());
        assertTrue(specOffline.err().startsWith("panelflow: Invalid study spec: "), specOffline.toString());
        assertEquals(specOffline.err(), specOnline.err(), "the service's problem line, offline and online");
    }

    @Test
    void aViewersUploadAndAnUnknownRunAreRefusedWithASentence() throws Exception {
        PipelineStack stack = SharedStack.get();
        Result viewer = panelflow(stack, TestUsers.VIEWER, "submit", stack.demoPanel().toString(), stack.demoSpec().toString());
        assertEquals(3, viewer.code(), viewer.toString());
        assertEquals("panelflow: the user may not do this (403): uploads need a user with the submitter role",
                viewer.err().strip());
        Result unknown = panelflow(stack, TestUsers.VIEWER, "status", "00000000-0000-0000-0000-000000000000");
        assertEquals(2, unknown.code(), unknown.toString());
        assertFalse(unknown.err().contains("Exception"), unknown.toString());
        Result wrongPassword = panelflow(stack, new TestUsers.User("viewer", "wrong", "viewer"), "status", "x");
        assertEquals(3, wrongPassword.code(), wrongPassword.toString());
    }
}
