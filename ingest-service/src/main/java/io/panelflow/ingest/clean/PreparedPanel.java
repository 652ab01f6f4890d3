package io.panelflow.ingest.clean;

import io.panelflow.frame.PanelFrame;
import io.panelflow.ingest.upload.RawTable;
import io.panelflow.model.result.DataQualityReport;

/**
 * An upload read, validated and cleaned.
 *
 * @param raw       the table as read (strings, null = missing, row numbers as in the file)
 * @param validated the typed panel sorted by unit then time, before cleaning
 * @param cleaned   the panel after filling, deriving and winsorizing
 * @param quality   what cleaning found and did
 */
public record PreparedPanel(RawTable raw, PanelFrame validated, PanelFrame cleaned, DataQualityReport quality) {
}
