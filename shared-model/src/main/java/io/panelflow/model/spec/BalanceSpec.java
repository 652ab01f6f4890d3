package io.panelflow.model.spec;

/**
 * Inequality among lower-level units within each group-year.
 *
 * @param method  {@code cv}, {@code gini}, {@code theil-t}, {@code theil-l}, {@code core-periphery}
 * @param measure expression of the measured quantity, e.g. {@code "gdp / population"}
 * @param weight  optional weight column (population for a population-weighted Theil)
 * @param by      group column (province of each city); null means the whole panel per year
 */
public record BalanceSpec(String name, String method, String measure, String weight, String by) {
}
