package io.panelflow.frame.formula;

import io.panelflow.frame.expr.Expression;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The product of two or more numeric expressions, {@code x:z} (its value is x·z row by row). */
public record InteractionTerm(List<Expression> factors) implements FormulaTerm {

    public InteractionTerm {
        factors = List.copyOf(factors);
    }

    @Override
    public String text() {
        return factors.stream().map(Expression::text).collect(Collectors.joining(":"));
    }

    @Override
    public void collectVariables(Set<String> out) {
        factors.forEach(f -> f.collectVariables(out));
    }

    @Override
    public FormulaTerm renameColumns(Map<String, String> renames) {
        return new InteractionTerm(factors.stream().map(f -> f.renameColumns(renames)).toList());
    }
}
