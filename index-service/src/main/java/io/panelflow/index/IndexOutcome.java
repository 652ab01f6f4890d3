package io.panelflow.index;

import io.panelflow.frame.PanelFrame;
import io.panelflow.model.result.BalanceResult;
import io.panelflow.model.result.IndexResult;

import java.util.List;

/**
 * What {@link IndexEngine#compute} produces.
 *
 * @param panel      the input panel plus one numeric column per composite or fiscal index (named
 *                   after the index) and per dimension sub-index ({@code "<index>_<dimension>"})
 * @param groupPanel the group-year panel (unit = group column, time = the panel's time): one column
 *                   per balance index plus the aggregate columns; null when the spec has neither
 *                   balance indices nor aggregates
 * @param indices    one result per composite or fiscal index, in spec order
 * @param balance    one result per balance index, in spec order (national per-year figures under
 *                   group {@code "all"}, decompositions in diagnostics)
 */
public record IndexOutcome(PanelFrame panel, PanelFrame groupPanel, List<IndexResult> indices,
                           List<BalanceResult> balance) {
    public IndexOutcome {
        indices = List.copyOf(indices);
        balance = List.copyOf(balance);
    }
}
