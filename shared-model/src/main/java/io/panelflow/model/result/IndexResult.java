package io.panelflow.model.result;

import java.util.List;
import java.util.Map;

/**
 * A composite index: weights per indicator (or per indicator and year under per-year scope, keyed
 * {@code "<year>/<indicator>"}), diagnostics (entropies, eigenvalues, KMO, Bartlett, ...) and values.
 */
public record IndexResult(String name, String method, String scope, Map<String, Double> weights,
                          Map<String, Object> diagnostics, List<IndexValue> values) {
    public IndexResult {
        weights = weights == null ? Map.of() : weights;
        diagnostics = diagnostics == null ? Map.of() : diagnostics;
        values = values == null ? List.of() : List.copyOf(values);
    }
}
