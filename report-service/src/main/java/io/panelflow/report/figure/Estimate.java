package io.panelflow.report.figure;

/** A point estimate with its confidence interval, placed at a category or a relative period. */
public record Estimate(String label, double position, double estimate, double low, double high) {
}
