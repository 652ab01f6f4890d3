package io.panelflow.model.result;

/** The value of an index for one unit-year. */
public record IndexValue(String unit, String time, double value) {
}
