package io.panelflow.report.table;

import java.util.List;

/**
 * A block of rows printed together ("Panel A: Second stage"); sections are separated by a rule.
 *
 * @param title the panel heading printed across the table, or null for an untitled block
 */
public record TableSection(String title, List<Row> rows) {

    public TableSection {
        rows = List.copyOf(rows);
    }

    public static TableSection untitled(List<Row> rows) {
        return new TableSection(null, rows);
    }

    public boolean hasTitle() {
        return title != null && !title.isBlank();
    }
}
