package io.panelflow.estimation.engine;

/**
 * How absorbed fixed effects count in the small-sample factor (N−1)/(N−K) of a clustered vcov,
 * as fixest's {@code ssc(fixef.K = ...)}: {@code NESTED} leaves out fixed effects nested in a cluster
 * variable (fixest default), {@code FULL} counts every fixed-effect parameter, {@code NONE} counts none.
 * {@code FULL_EXACT} counts every fixed-effect parameter with the exact rank of the dummies (redundant
 * levels across dimensions removed), as fixest's {@code ssc(fixef.K = "full", fixef.force_exact = TRUE)};
 * it applies to iid and heteroskedasticity-robust variances too.
 */
public enum FixefK {
    NESTED, FULL, NONE, FULL_EXACT
}
