package io.panelflow.estimation.study;

import io.panelflow.estimation.engine.EstimationOptions;
import io.panelflow.frame.formula.Formula;
import io.panelflow.model.spec.ModelSpec;
import io.panelflow.model.spec.VcovSpec;

/**
 * A model as the runner estimates it: the parsed formula, its variance spec, weights and engine options
 * (singletons kept as fixest does, or dropped iteratively as reghdfe does when the spec says {@code drop}).
 */
record ModelContext(String id, String title, Formula formula, VcovSpec vcov, String weights, EstimationOptions options) {

    static ModelContext of(ModelSpec spec) {
        if (spec.formula() == null || spec.formula().isBlank()) {
            throw new IllegalArgumentException("model '" + spec.id() + "' has no formula");
        }
        boolean drop = "drop".equalsIgnoreCase(spec.singletons());
        EstimationOptions d = EstimationOptions.DEFAULT;
        return new ModelContext(spec.id(), spec.title() == null ? spec.id() : spec.title(), Formula.parse(spec.formula()),
                spec.vcov(), spec.weights(), new EstimationOptions(drop, d.tolerance(), d.maxIterations()));
    }

    ModelContext withFormula(Formula f) {
        return new ModelContext(id, title, f, vcov, weights, options);
    }

    ModelContext withVcov(VcovSpec v) {
        return new ModelContext(id, title, formula, v == null ? vcov : v, weights, options);
    }
}
