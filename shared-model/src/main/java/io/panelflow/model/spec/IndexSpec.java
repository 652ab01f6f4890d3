package io.panelflow.model.spec;

import java.util.List;
import java.util.Map;

/**
 * A composite or equalization index.
 *
 * @param method      {@code entropy}, {@code entropy-topsis}, {@code pca}, {@code equal}, {@code critic},
 *                    {@code reverse-fiscal}, {@code reverse-fiscal-adjusted}
 * @param scope       {@code pooled} over all unit-years or {@code per-year}
 * @param indicators  indicators of composite methods
 * @param supply      supply column of the reverse fiscal index
 * @param population  population column of the reverse fiscal index
 * @param options     method options (for example {@code shift}, {@code retain}, {@code minShare})
 */
public record IndexSpec(String name, String method, String scope, List<IndicatorSpec> indicators,
                        String supply, String population, Map<String, Object> options) {
    public IndexSpec {
        scope = scope == null ? "pooled" : scope;
        indicators = indicators == null ? List.of() : List.copyOf(indicators);
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
