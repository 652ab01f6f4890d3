package io.panelflow.estimation.dml;

/**
 * A learner of a conditional expectation E[target | x] used as a nuisance function by
 * {@link PartiallyLinearDml}. Covariates are column-major: {@code x[j][i]} is covariate j of row i.
 */
public interface NuisanceLearner {

    /** Fits the learner on the given rows. */
    FittedNuisance fit(double[][] x, double[] target);

    /** A short name for reports ("ols", "lasso(0.05)", ...). */
    String name();
}
