package io.panelflow.index.composite;

import java.util.Map;

/**
 * A composite index computed on one decision matrix (all unit-years, or one year's units): the
 * composite per row, the sub-index per dimension, the indicator weights and the diagnostics; for
 * TOPSIS also each row's distances D+ and D− to the ideal points (null for other methods).
 */
public record SliceComposite(double[] values, Map<String, double[]> dimensions, Map<String, Double> weights,
                             Map<String, Object> diagnostics, double[] distanceToBest, double[] distanceToWorst) {
    public SliceComposite(double[] values, Map<String, double[]> dimensions, Map<String, Double> weights,
                          Map<String, Object> diagnostics) {
        this(values, dimensions, weights, diagnostics, null, null);
    }
}
