package io.panelflow.report.table;

import java.util.ArrayList;
import java.util.List;

/** One table row: a stub (the row label) followed by value cells. */
public record Row(RowKind kind, List<Cell> cells) {

    public Row {
        kind = kind == null ? RowKind.DATA : kind;
        cells = List.copyOf(cells);
    }

    public static Row of(RowKind kind, String label, List<Cell> values) {
        List<Cell> all = new ArrayList<>(values.size() + 1);
        all.add(Cell.text(label));
        all.addAll(values);
        return new Row(kind, all);
    }

    public String label() {
        return cells.isEmpty() ? "" : cells.get(0).text();
    }

    /** Columns covered, counting spans. */
    public int width() {
        return cells.stream().mapToInt(Cell::span).sum();
    }
}
