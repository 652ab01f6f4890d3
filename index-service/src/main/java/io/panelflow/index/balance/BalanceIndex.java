package io.panelflow.index.balance;

import io.panelflow.model.result.BalanceResult;

import java.util.Map;

/**
 * A computed balance index: its result and its value per group and year ({@code cells.get(group)
 * .get(year)}), without the national "all" figures, for the group-year panel.
 */
public record BalanceIndex(BalanceResult result, Map<String, Map<String, Double>> cells) {
}
