package io.panelflow.estimation.engine;

/**
 * A design or request the engine cannot estimate: bad input (a term with a missing value, arrays of
 * different lengths) or a degenerate model (all regressors collinear, fewer than two clusters,
 * no residual degrees of freedom). The message names the term or dimension at fault.
 */
public class EstimationException extends RuntimeException {
    public EstimationException(String message) {
        super(message);
    }
}
