package io.panelflow.frame.formula;

import io.panelflow.frame.expr.Expression;

import java.util.Map;
import java.util.Set;

/** A numeric regressor given by an expression; its coefficient is named by {@link #text()}. */
public record ExpressionTerm(Expression expression) implements FormulaTerm {

    @Override
    public String text() {
        return expression.text();
    }

    @Override
    public void collectVariables(Set<String> out) {
        expression.collectVariables(out);
    }

    @Override
    public FormulaTerm renameColumns(Map<String, String> renames) {
        return new ExpressionTerm(expression.renameColumns(renames));
    }
}
