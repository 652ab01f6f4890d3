package io.panelflow.report.table;

import java.util.ArrayList;
import java.util.List;

/**
 * The one table model every renderer prints from: header rows (one or two levels, cells may span
 * columns), sections of body rows, and notes below the table.
 *
 * @param id       stable identifier, used for file names and anchors ({@code baseline}, {@code index-DT-values})
 * @param title    caption printed above the table
 * @param headers  header rows; the first cell of each row heads the stub column
 * @param sections body blocks separated by rules
 * @param notes    sentences printed below the table
 */
public record Table(String id, String title, List<List<Cell>> headers, List<TableSection> sections,
                    List<String> notes) {

    public Table {
        headers = headers.stream().map(List::copyOf).toList();
        sections = List.copyOf(sections);
        notes = notes == null ? List.of() : List.copyOf(notes);
        int width = -1;
        for (List<Cell> header : headers) {
            width = checkWidth(width, header.stream().mapToInt(Cell::span).sum(), id, "header");
        }
        for (TableSection section : sections) {
            for (Row row : section.rows()) {
                width = checkWidth(width, row.width(), id, "row '" + row.label() + "'");
            }
        }
    }

    private static int checkWidth(int expected, int actual, String id, String what) {
        if (expected >= 0 && expected != actual) {
            throw new IllegalArgumentException("table " + id + ": " + what + " covers " + actual
                    + " columns, expected " + expected);
        }
        return actual;
    }

    /** Number of columns, the stub included. */
    public int columnCount() {
        if (!headers.isEmpty()) {
            return headers.get(0).stream().mapToInt(Cell::span).sum();
        }
        return sections.stream().flatMap(s -> s.rows().stream()).findFirst().map(Row::width).orElse(0);
    }

    public List<Row> rows() {
        List<Row> all = new ArrayList<>();
        sections.forEach(s -> all.addAll(s.rows()));
        return all;
    }

    /** The row whose stub reads {@code label}, or null. */
    public Row row(String label) {
        return rows().stream().filter(r -> r.label().equals(label)).findFirst().orElse(null);
    }

    public boolean isEmpty() {
        return rows().isEmpty();
    }
}
