package io.panelflow.frame.expr;

import java.util.Map;
import java.util.Set;

/** Unary minus: −x. */
public record Negation(Expression operand) implements Expression {

    @Override
    public void collectVariables(Set<String> out) {
        operand.collectVariables(out);
    }

    @Override
    public double[] evaluate(EvaluationContext context) {
        double[] v = operand.evaluate(context);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
        return out;
    }

    @Override
    public String text() {
        return "-" + operand.text();
    }

    @Override
    public Expression renameColumns(Map<String, String> renames) {
        return new Negation(operand.renameColumns(renames));
    }
}
