package io.panelflow.ingest.upload;

import java.util.List;

/**
 * An uploaded table before typing: the header names, in file order, and the data rows, each with
 * as many cells as the header (null = missing) and its row number as the user sees it
 * (header = row 1, first data row = row 2). Blank rows are not included, but their numbers are
 * skipped, so row numbers always match the file.
 *
 * @param source the file name the table came from (for messages), or null
 * @param format the format it was read as
 * @param sheet  the worksheet read (XLSX only), else null
 */
public record RawTable(String source, UploadFormat format, String sheet, List<String> header, List<RawRow> rows) {
    public RawTable {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    /** The 0-based position of a column, or -1 when the header has no such name. */
    public int columnIndex(String name) {
        return header.indexOf(name);
    }

    public boolean hasColumn(String name) {
        return header.contains(name);
    }

    public int rowCount() {
        return rows.size();
    }
}
