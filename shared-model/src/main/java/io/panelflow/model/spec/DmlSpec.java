package io.panelflow.model.spec;

import java.util.List;

/**
 * Double/debiased machine learning of the partially linear model {@code outcome = θ treatment + g(controls) + e}
 * with K-fold cross-fitting (Chernozhukov et al. 2018).
 *
 * @param id           names the result {@code dml/<id>}
 * @param outcome      the outcome (an expression)
 * @param treatment    the treatment (an expression)
 * @param controls     the covariates of the nuisance functions (expressions)
 * @param learner      {@code lasso} (needs {@code lambda}), {@code ols}, {@code random-forest} or
 *                     {@code gradient-boosting}
 * @param lambda       the lasso penalty (glmnet's scale, standardized covariates)
 * @param folds        number of cross-fitting folds (default 5)
 * @param seed         seed of the fold assignment and of the tree learners (default 1)
 * @param by           {@code unit} (default: all rows of a unit in one fold, as clustered data need) or {@code row}
 * @param fixedEffects {@code two-way} (default: outcome, treatment and controls are first demeaned by unit and
 *                     time, the within transformation of a two-way FE panel model), {@code unit}, or {@code none}
 * @param foldColumn   a column holding each row's fold (any integers); overrides {@code folds}, {@code seed}
 *                     and {@code by} for the sample split; null = random folds
 * @param cluster      the column whose groups the score variance is clustered by (DoubleML's cluster-robust
 *                     variance); null = the heteroskedasticity-robust score variance
 * @param repeats      repetitions of the random cross-fitting, aggregated by the median (default 1)
 * @param trees        tree learners: number of trees (random forest) or boosting rounds; null = the learner's default
 * @param maxDepth     tree learners: the deepest a tree may grow; null = the learner's default
 * @param learningRate gradient boosting: the shrinkage of each round; null = default
 * @param minNodeSize  tree learners: the fewest rows a leaf may hold; null = default
 */
public record DmlSpec(String id, String outcome, String treatment, List<String> controls, String learner,
                      Double lambda, int folds, long seed, String by, String fixedEffects,
                      String foldColumn, String cluster, int repeats,
                      Integer trees, Integer maxDepth, Double learningRate, Integer minNodeSize) {
    public DmlSpec {
        controls = controls == null ? List.of() : List.copyOf(controls);
        learner = learner == null ? "lasso" : learner;
        by = by == null ? "unit" : by;
        fixedEffects = fixedEffects == null ? "two-way" : fixedEffects;
        repeats = repeats < 1 ? 1 : repeats;
    }

    /** Random folds, the score variance robust to heteroskedasticity, no repetition, no tree learner. */
    public DmlSpec(String id, String outcome, String treatment, List<String> controls, String learner,
                   Double lambda, int folds, long seed, String by, String fixedEffects) {
        this(id, outcome, treatment, controls, learner, lambda, folds, seed, by, fixedEffects, null, null, 1,
                null, null, null, null);
    }

    /** Whether the learner is one of the tree ensembles. */
    public boolean treeLearner() {
        return "random-forest".equals(learner) || "gradient-boosting".equals(learner);
    }
}
