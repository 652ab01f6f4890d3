package io.panelflow.estimation.did;

/**
 * One Sun–Abraham cohort × relative-period coefficient.
 *
 * @param cohort       treatment cohort c (first treated period)
 * @param eventTime    relative period l = period − c (never −1, the reference)
 * @param estimate     the coefficient of the cell's dummy
 * @param stdError     its standard error (the model's clustered vcov)
 * @param statistic    estimate / stdError
 * @param pValue       two-sided p-value from t(G−1)
 * @param confLow      lower end of the 95% interval
 * @param confHigh     upper end
 * @param observations n_cl: rows of the estimation sample with the cell's dummy equal to 1
 */
public record CohortPeriodEstimate(int cohort, int eventTime, double estimate, double stdError, double statistic,
                                   double pValue, double confLow, double confHigh, int observations) {
}
