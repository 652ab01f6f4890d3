package io.panelflow.report.table;

/** What a row shows; renderers use it for alignment and spacing, never for content. */
public enum RowKind {
    /** a coefficient (estimate with stars) or any ordinary data row */
    DATA,
    /** the standard error or t statistic printed in parentheses below a coefficient */
    UNCERTAINTY,
    /** a Yes/No indicator: controls, fixed effects */
    INDICATOR,
    /** a model statistic: N, R², clusters, test statistics */
    STATISTIC
}
