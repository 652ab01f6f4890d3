package io.panelflow.ingest.upload;

import io.panelflow.frame.read.ColumnBuffer;
import io.panelflow.frame.read.Fields;
import io.panelflow.frame.read.RecordSink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the records of a file, as they stream in, into a {@link RawTable} of typed columns, with the checks
 * every format shares (CSV, XLSX, and whatever reader hands records to a {@link RecordSink}):
 * <ul>
 *   <li>blank records (every field empty) are skipped wherever they are, keeping their row numbers;</li>
 *   <li>the first non-blank record is the header; an empty file, or one with a header and no data
 *       rows, is rejected;</li>
 *   <li>header names are trimmed; an empty name is rejected, except for trailing nameless columns
 *       with no value in any row (what spreadsheets leave behind), which are dropped;</li>
 *   <li>a repeated header name is rejected, naming both positions;</li>
 *   <li>a data row with fewer fields than the header is ragged and rejected (CSV), or padded with
 *       missing cells (XLSX, where empty trailing cells are simply absent); a row with more fields is
 *       rejected unless every extra field is empty (a trailing separator);</li>
 *   <li>cells are trimmed and missing-value tokens become missing ({@code MissingValues}); each column is
 *       numeric while its cells are numbers, else text ({@link ColumnBuffer}); the columns named in
 *       {@code textColumns} (the spec's unit, group, attributes) are text from the start, and with
 *       {@code allText} every column is.</li>
 *   <li>the row, column, cell and cell-length limits ({@link UploadLimits}) stop the reading at the first
 *       record over a limit.</li>
 * </ul>
 * Ragged rows are collected (up to {@value UploadProblem#MAX_COLLECTED}) and reported together.
 */
final class TableAssembly implements RecordSink {
    private final String source;
    private final UploadFormat format;
    private final UploadLimits limits;
    private final Set<String> textColumns;
    private final boolean allText;
    private final boolean padShortRows;
    private final ProblemCollector ragged = new ProblemCollector();
    private List<String> header;
    private int headerRow;
    private int namedWidth;
    private final List<ColumnBuffer> columns = new ArrayList<>();
    private int[] rowNumbers = new int[1024];
    private int rows;
    private int dataRecords;
    private long cells;
    private String sheet;

    TableAssembly(String source, UploadFormat format, UploadLimits limits, Set<String> textColumns, boolean allText,
                  boolean padShortRows) {
        this.source = source;
        this.format = format;
        this.limits = limits;
        this.textColumns = textColumns;
        this.allText = allText;
        this.padShortRows = padShortRows;
    }

    void sheet(String sheet) {
        this.sheet = sheet;
    }

    @Override
    public void record(int row, Fields fields) {
        checkWidth(row, fields);
        if (fields.blank()) {
            return;
        }
        if (header == null) {
            header = new ArrayList<>(fields.count());
            headerRow = row;
            for (int i = 0; i < fields.count(); i++) {
                String name = fields.text(i);
                header.add(name);
                if (!name.isEmpty()) {
                    namedWidth = i + 1;
                }
                columns.add(allText || textColumns.contains(name) ? ColumnBuffer.text() : ColumnBuffer.numeric());
            }
            return;
        }
        dataRecords++;
        cells += fields.count();
        if (dataRecords > limits.rows()) {
            throw limits.tooManyRows("the file");
        }
        if (cells > limits.cells()) {
            throw limits.tooManyCells(cells);
        }
        if (fields.count() < namedWidth && !padShortRows || tooLong(fields, header.size())) {
            ragged.add(ragged(row, fields));
            return;
        }
        for (int c = 0; c < columns.size(); c++) {
            columns.get(c).add(fields, c);
        }
        if (rows == rowNumbers.length) {
            rowNumbers = Arrays.copyOf(rowNumbers, rows + (rows >> 1) + 16);
        }
        rowNumbers[rows++] = row;
    }

    /** The table read; throws the header's, then the ragged rows' problems. */
    RawTable finish() {
        if (header == null) {
            throw UploadProblem.of("Empty file", "the file" + describe(source) + " has no header and no data");
        }
        while (!header.isEmpty() && header.get(header.size() - 1).isEmpty()
                && columns.get(columns.size() - 1).present() == 0) {
            header.remove(header.size() - 1);
            columns.remove(columns.size() - 1);
        }
        checkHeaderNames(header, headerRow);
        if (dataRecords == 0) {
            throw UploadProblem.of("No data rows", "the file" + describe(source)
                    + " has a header (" + header.size() + " columns) but no data rows");
        }
        ragged.throwIfAny();
        return new RawTable(source, format, sheet, header, columns, Arrays.copyOf(rowNumbers, rows));
    }

    /** A record's width is its last non-blank field (trailing separators do not count). */
    private void checkWidth(int row, Fields fields) {
        if (fields.count() <= limits.columns()) {
            return;
        }
        int width = fields.count();
        while (width > 0 && fields.blank(width - 1)) {
            width--;
        }
        if (width > limits.columns()) {
            throw limits.tooManyColumns(row, width);
        }
    }

    private static boolean tooLong(Fields fields, int width) {
        for (int c = width; c < fields.count(); c++) {
            if (!fields.blank(c)) {
                return true;
            }
        }
        return false;
    }

    private UploadProblem ragged(int row, Fields r) {
        int width = namedWidth;
        int count = r.count();
        if (format == UploadFormat.XLSX || count > width) {
            int last = lastNonBlank(r);
            return UploadProblem.atCell("Ragged row", "row " + row + " (row 1 is the header) has a value in column "
                    + (last + 1) + " but the header has only " + width + " columns", row, null, r.text(last));
        }
        return UploadProblem.atCell("Ragged row", "row " + row + " (row 1 is the header) has " + count
                + (count == 1 ? " field" : " fields") + " but the header has " + width, row, null, preview(r));
    }

    private static int lastNonBlank(Fields fields) {
        for (int c = fields.count() - 1; c >= 0; c--) {
            if (!fields.blank(c)) {
                return c;
            }
        }
        return 0;
    }

    private static String preview(Fields fields) {
        List<String> texts = new ArrayList<>();
        for (int c = 0; c < fields.count(); c++) {
            texts.add(fields.text(c));
        }
        String joined = String.join(",", texts);
        return joined.length() <= 120 ? joined : joined.substring(0, 117) + "...";
    }

    private static void checkHeaderNames(List<String> header, int headerRow) {
        ProblemCollector problems = new ProblemCollector();
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            if (name.isEmpty()) {
                problems.add(UploadProblem.atCell("Empty column name", "column " + (c + 1)
                        + " of the header (row " + headerRow + ") has no name", headerRow, null, ""));
                continue;
            }
            Integer earlier = seen.putIfAbsent(name, c);
            if (earlier != null) {
                problems.add(UploadProblem.atCell("Duplicate column name", "the header (row " + headerRow
                        + ") names columns " + (earlier + 1) + " and " + (c + 1) + " both '" + name + "'",
                        headerRow, name, name));
            }
        }
        problems.throwIfAny();
    }

    private static String describe(String source) {
        return source == null || source.isBlank() ? "" : " '" + source + "'";
    }
}
