package io.panelflow.frame.formula;

import java.util.Map;
import java.util.Set;

/**
 * One right-hand-side term of a formula: a numeric expression ({@code log(pgdp)}), an interaction of
 * numeric expressions ({@code x:z}), or the dummies of a categorical variable ({@code i(region, ref = "east")}).
 */
public sealed interface FormulaTerm permits ExpressionTerm, InteractionTerm, DummyTerm {

    /** The normalized text, e.g. {@code log(pgdp)}, {@code x:z}, {@code i(region, ref = "east")}. */
    String text();

    void collectVariables(Set<String> out);

    FormulaTerm renameColumns(Map<String, String> renames);
}
