package io.panelflow.report.table;

/** The coefficient on an instrument in an IV model's first stage. */
public record FirstStageCoefficient(String term, double estimate, double stdError, double statistic, double pValue) {
}
