package io.panelflow.model.event;

import io.panelflow.model.panel.PanelTable;
import io.panelflow.model.result.BalanceResult;
import io.panelflow.model.result.IndexResult;
import io.panelflow.model.spec.StudySpec;

import java.util.List;

/**
 * Published on {@code indices-computed}: the panel with one column per composite index, the
 * group-year panel of balance indices and aggregates (null unless the spec has balance indices), and
 * every index with its weights and diagnostics.
 */
public record IndicesComputed(String runId, StudySpec spec, PanelTable panel, PanelTable groupPanel,
                              List<IndexResult> indices, List<BalanceResult> balance) {
}
