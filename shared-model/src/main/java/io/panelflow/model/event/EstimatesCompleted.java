package io.panelflow.model.event;

import io.panelflow.model.result.StudyResults;

/** Published on {@code estimates-completed} by the estimation service. */
public record EstimatesCompleted(String runId, StudyResults results) {
}
