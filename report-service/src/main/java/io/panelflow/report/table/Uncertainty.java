package io.panelflow.report.table;

/** What a regression table prints in parentheses below each coefficient. */
public enum Uncertainty {
    STANDARD_ERROR,
    T_STATISTIC
}
