package io.panelflow.model.event;

import io.panelflow.model.panel.PanelTable;
import io.panelflow.model.result.DataQualityReport;
import io.panelflow.model.spec.StudySpec;

/** Published on {@code panel-cleaned} by the ingest service. */
public record PanelCleaned(String runId, StudySpec spec, PanelTable panel, DataQualityReport quality,
                           DataProvenance provenance) {
}
