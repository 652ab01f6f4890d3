package io.panelflow.ingest.clean;

import io.panelflow.frame.PanelFrame;
import io.panelflow.model.result.DataQualityReport;

/** A cleaned panel and the report of what cleaning found and did. */
public record CleanedPanel(PanelFrame frame, DataQualityReport report) {
}
