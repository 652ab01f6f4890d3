package io.panelflow.report.assembly;

import java.time.Instant;
import java.util.List;

/** A run as the API and the dashboard show it. */
public record RunSummary(String runId, String name, String status, Instant createdAt, Instant updatedAt,
                         List<StageView> stages, String error, List<String> formats) {

    public record StageView(String stage, String status, String reason, Instant at) {
    }
}
