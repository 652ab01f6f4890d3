package io.panelflow.model.result;

import java.util.List;
import java.util.Map;

/** A balance (inequality) index per group-year, with decompositions in {@code diagnostics}. */
public record BalanceResult(String name, String method, String by, List<GroupValue> values,
                            Map<String, Object> diagnostics) {
    public BalanceResult {
        values = values == null ? List.of() : List.copyOf(values);
        diagnostics = diagnostics == null ? Map.of() : diagnostics;
    }
}
