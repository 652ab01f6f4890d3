package io.panelflow.model.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A balance index for one group-year ({@code group} is {@code "all"} for a national figure), with the
 * cell behind it: the arithmetic {@code mean} of the measure over the cell's units and its sample
 * standard deviation {@code sd} (n − 1 denominator; left out for a one-unit cell), both unweighted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroupValue(String group, String time, double value, Double mean, Double sd) {
    public GroupValue(String group, String time, double value) {
        this(group, time, value, null, null);
    }
}
