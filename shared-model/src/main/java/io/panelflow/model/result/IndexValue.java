package io.panelflow.model.result;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The value of an index for one unit-year. TOPSIS indices also give the unit-year's weighted distances
 * to the positive ideal ({@code distanceToBest}, D+) and to the negative ideal ({@code distanceToWorst},
 * D−), with value = D− / (D+ + D−); other methods leave them out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndexValue(String unit, String time, double value, Double distanceToBest, Double distanceToWorst) {
    public IndexValue(String unit, String time, double value) {
        this(unit, time, value, null, null);
    }
}
