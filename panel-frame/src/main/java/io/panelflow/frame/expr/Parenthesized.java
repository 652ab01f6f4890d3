package io.panelflow.frame.expr;

import java.util.Map;
import java.util.Set;

/** Parentheses written by the user, kept so the normalized text reads as written: {@code (a + b)/c}. */
public record Parenthesized(Expression inner) implements Expression {

    @Override
    public void collectVariables(Set<String> out) {
        inner.collectVariables(out);
    }

    @Override
    public double[] evaluate(EvaluationContext context) {
        return inner.evaluate(context);
    }

    @Override
    public String text() {
        return "(" + inner.text() + ")";
    }

    @Override
    public Expression renameColumns(Map<String, String> renames) {
        return new Parenthesized(inner.renameColumns(renames));
    }
}
