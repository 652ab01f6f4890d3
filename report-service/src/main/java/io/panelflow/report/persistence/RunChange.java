package io.panelflow.report.persistence;

/**
 * One row of {@code run_change}: a run's summary (JSON) as it was after a change. The id orders the
 * changes in commit order and is the server-sent event's id.
 */
public record RunChange(long id, String runId, String summaryJson) {
}
