package io.panelflow.ingest.validate;

import io.panelflow.frame.PanelFrame;

/**
 * An upload checked against its spec.
 *
 * @param frame      the typed panel, sorted by unit then time: the unit, group and attribute columns as
 *                   text, the time column as whole numbers, every other column numeric when all its
 *                   non-missing values are numbers, else text
 * @param sourceRows for each frame row, its row number in the file (header = row 1)
 * @param columns    the spec's column uses
 */
public record ValidatedPanel(PanelFrame frame, int[] sourceRows, SpecColumns columns) {
}
