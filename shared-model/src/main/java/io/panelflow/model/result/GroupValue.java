package io.panelflow.model.result;

/** A balance index for one group-year ({@code group} is {@code "all"} for a national figure). */
public record GroupValue(String group, String time, double value) {
}
