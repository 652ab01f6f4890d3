package io.panelflow.ingest.upload;

import io.panelflow.frame.read.ColumnBuffer;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * An uploaded table as read, column by column: the header names, in file order, one typed column per name
 * ({@link ColumnBuffer}: numbers, or trimmed texts; missing = NaN or null) and each data row's number as the
 * user sees it (header = row 1, first data row = row 2). Blank rows are not included, but their numbers are
 * skipped, so row numbers always match the file.
 *
 * @param source     the file name the table came from (for messages), or null
 * @param format     the format it was read as
 * @param sheet      the worksheet read (XLSX only), else null
 * @param rowNumbers the row number of each data row
 */
public record RawTable(String source, UploadFormat format, String sheet, List<String> header, List<ColumnBuffer> columns,
                       int[] rowNumbers) {
    public RawTable {
        header = List.copyOf(header);
        columns = List.copyOf(columns);
    }

    /** A table from rows of cells (null = missing), for readers that produce rows. */
    public static RawTable ofRows(String source, UploadFormat format, String sheet, List<String> header, List<RawRow> rows) {
        List<ColumnBuffer> columns = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            ColumnBuffer column = ColumnBuffer.text();
            for (RawRow r : rows) {
                column.add(r.cell(c));
            }
            columns.add(column);
        }
        return new RawTable(source, format, sheet, header, columns, rows.stream().mapToInt(RawRow::rowNumber).toArray());
    }

    /** The 0-based position of a column, or -1 when the header has no such name. */
    public int columnIndex(String name) {
        return header.indexOf(name);
    }

    public boolean hasColumn(String name) {
        return header.contains(name);
    }

    public int rowCount() {
        return rowNumbers.length;
    }

    public ColumnBuffer column(int index) {
        return columns.get(index);
    }

    /** Cell {@code c} of data row {@code r} (both 0-based) as text, null when missing. */
    public String cell(int r, int c) {
        return columns.get(c).textAt(r);
    }

    /** The data rows as rows of text cells (a view, made row by row: for tests and small tables). */
    public List<RawRow> rows() {
        return new AbstractList<>() {
            @Override
            public RawRow get(int r) {
                List<String> cells = new ArrayList<>(header.size());
                for (int c = 0; c < header.size(); c++) {
                    cells.add(cell(r, c));
                }
                return new RawRow(rowNumbers[r], cells);
            }

            @Override
            public int size() {
                return rowNumbers.length;
            }
        };
    }
}
