package io.panelflow.estimation.engine;

/**
 * A test statistic cannot be computed because the covariance it inverts is singular. The model
 * itself stands: callers report the statistic as unavailable with this reason.
 */
public class SingularCovarianceException extends EstimationException {
    public SingularCovarianceException(String message) {
        super(message);
    }
}
