package io.panelflow.frame.formula;

import java.util.List;
import java.util.Map;

/** A fixed-effect dimension: one column ({@code province}) or an interaction of columns ({@code region^year}). */
public record FixedEffectTerm(List<String> variables) {

    public FixedEffectTerm {
        variables = List.copyOf(variables);
        if (variables.isEmpty()) {
            throw new IllegalArgumentException("a fixed effect needs at least one column");
        }
    }

    public static FixedEffectTerm of(String text) {
        return new FixedEffectTerm(List.of(text.split("\\^")).stream().map(String::strip).toList());
    }

    public String text() {
        return String.join("^", variables);
    }

    public FixedEffectTerm renameColumns(Map<String, String> renames) {
        return new FixedEffectTerm(variables.stream().map(v -> renames.getOrDefault(v, v)).toList());
    }
}
