package io.panelflow.estimation.did;

/**
 * An effect at one relative (event) time {@code e = period − cohort}.
 *
 * @param eventTime relative period e (−1 is the usual reference)
 * @param estimate  the coefficient or aggregate
 * @param stdError  its standard error
 * @param statistic estimate / stdError
 * @param pValue    two-sided p-value (t(G−1) for regression estimators, normal for Callaway–Sant'Anna)
 * @param confLow   lower end of the pointwise 95% interval (same distribution)
 * @param confHigh  upper end
 */
public record EventTimeEstimate(int eventTime, double estimate, double stdError, double statistic, double pValue,
                                double confLow, double confHigh) {
}
