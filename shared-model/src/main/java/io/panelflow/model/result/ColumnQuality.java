package io.panelflow.model.result;

/** What cleaning found and did in one column. */
public record ColumnQuality(String column, int missingBefore, int filled, int missingAfter, int winsorizedLow,
                            int winsorizedHigh) {
}
