package io.panelflow.estimation.engine;

/**
 * How absorbed fixed effects count in the small-sample factor (N−1)/(N−K) of a clustered vcov,
 * as fixest's {@code ssc(fixef.K = ...)}: {@code NESTED} leaves out fixed effects nested in a cluster
 * variable (fixest default), {@code FULL} counts every fixed-effect parameter, {@code NONE} counts none.
 */
public enum FixefK {
    NESTED, FULL, NONE
}
