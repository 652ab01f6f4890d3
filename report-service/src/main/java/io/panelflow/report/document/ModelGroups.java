package io.panelflow.report.document;

import io.panelflow.model.result.ModelResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sorts a run's models into the tables they print in: {@code ModelResult.group} when set, else the
 * id's first segment ({@code robustness/lag}); baseline tables are split by model id prefix,
 * heterogeneity tables by splitting variable, mechanism tables by mediator.
 */
final class ModelGroups {

    private ModelGroups() {
    }

    static String group(ModelResult m) {
        if (m.group() != null && !m.group().isBlank()) {
            return m.group().toLowerCase(Locale.ROOT);
        }
        String first = segment(m.id(), 0);
        return switch (first) {
            case "robustness", "heterogeneity", "mechanism", "iv" -> first;
            default -> "baseline";
        };
    }

    static List<ModelResult> inGroup(List<ModelResult> models, String group) {
        return models.stream().filter(m -> group.equals(group(m))).toList();
    }

    /** Models split by the id segment at {@code position}, in order of first appearance. */
    static Map<String, List<ModelResult>> bySegment(List<ModelResult> models, int position) {
        Map<String, List<ModelResult>> out = new LinkedHashMap<>();
        for (ModelResult m : models) {
            out.computeIfAbsent(segment(m.id(), position), k -> new ArrayList<>()).add(m);
        }
        return out;
    }

    static String segment(String id, int position) {
        if (id == null) {
            return "";
        }
        String[] parts = id.split("/");
        return position < parts.length ? parts[position] : "";
    }
}
