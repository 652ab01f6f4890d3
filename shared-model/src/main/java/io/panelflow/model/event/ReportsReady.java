package io.panelflow.model.event;

import java.util.List;

/** Published on {@code reports-ready}: the formats in which the run's report can be fetched. */
public record ReportsReady(String runId, List<String> formats) {
}
