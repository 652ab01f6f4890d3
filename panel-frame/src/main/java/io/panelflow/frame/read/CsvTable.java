package io.panelflow.frame.read;

import io.panelflow.frame.Column;
import io.panelflow.frame.PanelFrame;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A UTF-8 CSV file read straight into typed columns ({@link DelimitedText}, {@link ColumnBuffer}): the first
 * non-blank record is the header, blank records are skipped, a short record has missing cells, a record with a
 * value beyond the header is refused with its row. Every column is numeric while its cells are numbers, else
 * text. This is the benchmark's reader; uploads add spec-aware typing and validation on the same parts.
 */
public final class CsvTable {
    private final List<String> header;
    private final List<ColumnBuffer> columns;

    private CsvTable(List<String> header, List<ColumnBuffer> columns) {
        this.header = List.copyOf(header);
        this.columns = List.copyOf(columns);
    }

    public static CsvTable read(Path file) throws IOException {
        return read(file, Set.of());
    }

    /** Reads the file; the columns named in {@code textColumns} are kept as text. */
    public static CsvTable read(Path file, Set<String> textColumns) throws IOException {
        char separator;
        try (Reader in = open(file)) {
            separator = DelimitedText.sniffSeparator(in, 1 << 20);
        }
        int capacity = lines(file);
        List<String> header = new ArrayList<>();
        List<ColumnBuffer> columns = new ArrayList<>();
        try (Reader in = open(file)) {
            new DelimitedText(separator, Integer.MAX_VALUE - 8, Integer.MAX_VALUE - 8).read(in, (row, fields) -> {
                if (fields.blank()) {
                    return;
                }
                if (header.isEmpty()) {
                    for (int i = 0; i < fields.count(); i++) {
                        String name = fields.text(i);
                        header.add(name);
                        columns.add(textColumns.contains(name) ? ColumnBuffer.text(capacity) : ColumnBuffer.numeric(capacity));
                    }
                    return;
                }
                for (int i = header.size(); i < fields.count(); i++) {
                    if (!fields.blank(i)) {
                        throw new IllegalArgumentException("row " + row + " (row 1 is the header) has a value in column "
                                + (i + 1) + " but the header has only " + header.size() + " columns");
                    }
                }
                for (int i = 0; i < columns.size(); i++) {
                    columns.get(i).add(fields, i);
                }
            });
        }
        if (header.isEmpty()) {
            throw new IllegalArgumentException("the file " + file.getFileName() + " is empty");
        }
        return new CsvTable(header, columns);
    }

    /** The line ends in the file (one pass over the bytes): room for every row, so columns never grow by copying. */
    private static int lines(Path file) throws IOException {
        long lines = 0;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return (int) Math.min(lines + 1, Integer.MAX_VALUE - 8);
    }

    private static Reader open(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16);
    }

    public List<String> header() {
        return header;
    }

    public int rows() {
        return columns.isEmpty() ? 0 : columns.get(0).size();
    }

    public ColumnBuffer column(String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + name + "' (the columns are " + String.join(", ", header) + ")");
        }
        return columns.get(i);
    }

    /** The table as a panel with the given unit and time columns (either may be null). */
    public PanelFrame toFrame(String unit, String time) {
        Map<String, Column> typed = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            ColumnBuffer c = columns.get(i);
            typed.put(header.get(i), c.isText() ? new Column.Text(c.texts()) : new Column.Numeric(c.numbers()));
        }
        return new PanelFrame(unit, time, null, typed);
    }
}
