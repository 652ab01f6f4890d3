package io.panelflow.model.result;

import java.util.List;

/** Everything estimated for a run: {@code GET /api/runs/{runId}/results}. */
public record StudyResults(String runId, List<ModelResult> models, List<String> notes) {
    public StudyResults {
        models = models == null ? List.of() : List.copyOf(models);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
