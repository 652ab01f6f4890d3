package io.panelflow.index.composite;

import java.util.Map;

/**
 * A composite index computed on one decision matrix (all unit-years, or one year's units): the
 * composite per row, the sub-index per dimension, the indicator weights and the diagnostics.
 */
public record SliceComposite(double[] values, Map<String, double[]> dimensions, Map<String, Double> weights,
                             Map<String, Object> diagnostics) {
}
