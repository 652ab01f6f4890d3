package io.panelflow.frame.expr;

import io.panelflow.frame.PanelFrame;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** A numeric data column by name; written bare ({@code pgdp}) or in backquotes for odd names ({@code `gdp (bn)`}). */
public record ColumnReference(String name, int position) implements Expression {
    private static final Pattern SYNTACTIC = Pattern.compile("[\\p{L}_.][\\p{L}\\p{N}_.]*");

    @Override
    public void collectVariables(Set<String> out) {
        out.add(name);
    }

    @Override
    public double[] evaluate(EvaluationContext context) {
        PanelFrame frame = context.frame();
        if (!frame.has(name)) {
            throw new ExpressionException("unknown column '" + name + "'", position, name);
        }
        if (!frame.isNumeric(name)) {
            throw new ExpressionException("column '" + name + "' is text, not numeric", position, name);
        }
        double[] v = frame.numeric(name);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Double.isFinite(v[i]) ? v[i] : Double.NaN;
        }
        return out;
    }

    @Override
    public String text() {
        return SYNTACTIC.matcher(name).matches() ? name : "`" + name + "`";
    }

    @Override
    public Expression renameColumns(Map<String, String> renames) {
        String to = renames.get(name);
        return to == null ? this : new ColumnReference(to, position);
    }
}
