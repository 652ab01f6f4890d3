package io.panelflow.model.result;

/** One row of a coefficient table; {@code term} is the formula's own text, e.g. {@code log(pgdp)}. */
public record Coefficient(String term, double estimate, double stdError, double statistic, double pValue,
                          double confLow, double confHigh) {
}
