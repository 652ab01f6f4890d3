package io.panelflow.model.spec;

import java.util.List;

/**
 * Double/debiased machine learning of the partially linear model {@code outcome = θ treatment + g(controls) + e}
 * with K-fold cross-fitting (Chernozhukov et al. 2018).
 *
 * @param id        names the result {@code dml/<id>}
 * @param outcome   the outcome (an expression)
 * @param treatment the treatment (an expression)
 * @param controls  the covariates of the nuisance functions (expressions)
 * @param learner   {@code lasso} (needs {@code lambda}) or {@code ols}
 * @param lambda    the lasso penalty (glmnet's scale, standardized covariates)
 * @param folds     number of cross-fitting folds (default 5)
 * @param seed      seed of the fold assignment (default 1)
 * @param by        {@code unit} (default: all rows of a unit in one fold, as clustered data need) or {@code row}
 * @param fixedEffects {@code two-way} (default: outcome, treatment and controls are first demeaned by unit and
 *                  time, the within transformation of a two-way FE panel model), {@code unit}, or {@code none}
 */
public record DmlSpec(String id, String outcome, String treatment, List<String> controls, String learner,
                      Double lambda, int folds, long seed, String by, String fixedEffects) {
    public DmlSpec {
        controls = controls == null ? List.of() : List.copyOf(controls);
        learner = learner == null ? "lasso" : learner;
        by = by == null ? "unit" : by;
        fixedEffects = fixedEffects == null ? "two-way" : fixedEffects;
    }
}
