package io.panelflow.frame.formula;

import io.panelflow.frame.expr.Expression;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * fixest's {@code i(var, ref = r)}: one 0/1 dummy per level of {@code var} other than the reference
 * levels, named {@code var::level}; with a numeric {@code slope} ({@code i(var, x, ref = r)}) each dummy
 * is multiplied by it and named {@code var::level:x}.
 *
 * @param variable   the categorical column (text or numeric)
 * @param slope      an optional numeric expression multiplying every dummy, or null
 * @param references levels left out, as written (numbers as their shortest text: {@code -1})
 */
public record DummyTerm(String variable, Expression slope, List<String> references) implements FormulaTerm {

    public DummyTerm {
        references = List.copyOf(references);
    }

    @Override
    public String text() {
        StringBuilder b = new StringBuilder("i(").append(variable);
        if (slope != null) {
            b.append(", ").append(slope.text());
        }
        if (!references.isEmpty()) {
            String refs = references.stream().map(DummyTerm::quoteIfText).collect(Collectors.joining(", "));
            b.append(", ref = ").append(references.size() == 1 ? refs : "c(" + refs + ")");
        }
        return b.append(")").toString();
    }

    /** The coefficient name of one level's dummy: {@code var::level} or {@code var::level:slope}. */
    public String levelName(String level) {
        return variable + "::" + level + (slope == null ? "" : ":" + slope.text());
    }

    private static String quoteIfText(String level) {
        try {
            Double.parseDouble(level);
            return level;
        } catch (NumberFormatException e) {
            return "\"" + level + "\"";
        }
    }

    @Override
    public void collectVariables(Set<String> out) {
        out.add(variable);
        if (slope != null) {
            slope.collectVariables(out);
        }
    }

    @Override
    public FormulaTerm renameColumns(Map<String, String> renames) {
        return new DummyTerm(renames.getOrDefault(variable, variable),
                slope == null ? null : slope.renameColumns(renames), references);
    }
}
