package io.panelflow.report.assembly;

import java.time.Instant;
import java.util.List;

/** A run as the API and the dashboard show it. */
public record RunSummary(String runId, String name, String status, Instant createdAt, Instant updatedAt,
                         List<StageView> stages, String error, List<String> formats) {

    /**
     * One stage: its status, when it last changed, when it started (reported RUNNING) and finished (COMPLETED or
     * FAILED), and {@code seconds} between the two (null until both are known), so a slow stage is visible.
     */
    public record StageView(String stage, String status, String reason, Instant at, Instant startedAt,
                            Instant finishedAt, Double seconds) {
    }

    /** Seconds from {@code start} to {@code end} (millisecond resolution), or null when either is unknown. */
    public static Double seconds(Instant start, Instant end) {
        if (start == null || end == null) {
            return null;
        }
        return java.time.Duration.between(start, end).toMillis() / 1000.0;
    }
}
