package io.panelflow.ingest.upload;

import java.util.Arrays;
import java.util.List;

/**
 * One data row of an upload as read: its row number as a spreadsheet shows it (header = row 1) and
 * one cell per header column, trimmed, with null where the file has a missing-value token
 * (see {@link MissingValues}).
 */
public record RawRow(int rowNumber, List<String> cells) {
    public RawRow {
        cells = java.util.Collections.unmodifiableList(Arrays.asList(cells.toArray(new String[0])));
    }

    /** The cell of column {@code index} (0-based), or null when missing. */
    public String cell(int index) {
        return cells.get(index);
    }
}
