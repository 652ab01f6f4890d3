package io.panelflow.frame.expr;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/** A number, kept with its source text ({@code 10000}, {@code 0.5}). */
public record NumberLiteral(double value, String text) implements Expression {

    @Override
    public void collectVariables(Set<String> out) {
    }

    @Override
    public double[] evaluate(EvaluationContext context) {
        double[] out = new double[context.rows()];
        Arrays.fill(out, value);
        return out;
    }

    @Override
    public Expression renameColumns(Map<String, String> renames) {
        return this;
    }
}
