package io.panelflow.estimation.dml;

import io.panelflow.estimation.engine.EstimationException;

/**
 * Input that double machine learning cannot use: arrays of different lengths, a non-finite value,
 * fewer than two folds, a fold whose training rows cannot fit a learner (too few rows, collinear
 * covariates for OLS), a solver that does not converge, or a residualized treatment with no variation.
 * The message names the column, fold or setting at fault.
 */
public class DmlException extends EstimationException {
    public DmlException(String message) {
        super(message);
    }
}
