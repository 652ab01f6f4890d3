package io.panelflow.model.event;

import io.panelflow.model.RunStatus;
import io.panelflow.model.Stage;

import java.time.Instant;

/** Published on {@code run-status} when a stage starts, completes or fails (with the reason). */
public record RunStatusChanged(String runId, Stage stage, RunStatus status, String reason, Instant at) {
}
