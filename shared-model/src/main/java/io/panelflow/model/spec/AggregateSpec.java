package io.panelflow.model.spec;

/**
 * A group-year aggregate of a lower-level column.
 *
 * @param function {@code sum}, {@code mean} or {@code weighted-mean}
 * @param weight   weight column of {@code weighted-mean}
 */
public record AggregateSpec(String name, String column, String function, String weight) {
}
