package io.panelflow.estimation.did;

import io.panelflow.estimation.engine.Distributions;

/**
 * A scalar treatment-effect summary with its inference.
 *
 * @param estimate  the aggregate
 * @param stdError  its standard error
 * @param statistic estimate / stdError
 * @param pValue    two-sided p-value from t(df), or the normal when df is infinite
 * @param df        degrees of freedom of the reference distribution ({@link Double#POSITIVE_INFINITY} = normal)
 * @param confLow   estimate − q·stdError, q the 97.5% quantile of the same distribution
 * @param confHigh  estimate + q·stdError
 */
public record AggregateEstimate(double estimate, double stdError, double statistic, double pValue, double df,
                                double confLow, double confHigh) {

    /** The summary of an estimate and its standard error under t(df) (normal when df is infinite). */
    public static AggregateEstimate of(double estimate, double stdError, double df) {
        double t = estimate / stdError;
        double q = Distributions.tQuantile975(df);
        return new AggregateEstimate(estimate, stdError, t, Distributions.twoSidedT(t, df), df,
                estimate - q * stdError, estimate + q * stdError);
    }

    /** The same numbers at one event time. */
    public EventTimeEstimate at(int eventTime) {
        return new EventTimeEstimate(eventTime, estimate, stdError, statistic, pValue, confLow, confHigh);
    }
}
