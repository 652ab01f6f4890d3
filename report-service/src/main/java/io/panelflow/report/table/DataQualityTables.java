package io.panelflow.report.table;

import io.panelflow.model.result.ColumnQuality;
import io.panelflow.model.result.DataQualityReport;

import io.panelflow.report.text.ReportText;

import java.util.ArrayList;
import java.util.List;

/** The data-quality summary: the panel's shape, then what cleaning found and did per column. */
public final class DataQualityTables {

    private final Labels labels;
    private final NumberFormatter numbers;

    public DataQualityTables(Labels labels, TableOptions options) {
        this.labels = labels == null ? Labels.none() : labels;
        this.numbers = (options == null ? TableOptions.DEFAULT : options).numbers();
    }

    public Table structure(DataQualityReport q) {
        ReportText t = labels.text();
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of(RowKind.DATA, t.get("quality.rows"), List.of(numbers.countCell(q.rows()))));
        rows.add(Row.of(RowKind.DATA, t.get("quality.units"), List.of(numbers.countCell(q.units()))));
        rows.add(Row.of(RowKind.DATA, t.get("quality.periods"), List.of(numbers.countCell(q.periods()))));
        if (q.firstPeriod() != null || q.lastPeriod() != null) {
            rows.add(Row.of(RowKind.DATA, t.get("quality.periodRange"), List.of(Cell.text(
                    nullToEmpty(q.firstPeriod()) + "–" + nullToEmpty(q.lastPeriod())))));
        }
        rows.add(Row.of(RowKind.DATA, t.get("quality.balanced"), List.of(Cell.text(t.yesNo(q.balanced())))));
        rows.add(Row.of(RowKind.DATA, t.get("quality.gaps"), List.of(numbers.countCell(q.gaps()))));
        return new Table("data-structure", t.get("quality.structure.title"),
                List.of(List.of(Cell.text(t.get("quality.item")), Cell.text(t.get("quality.value")))),
                List.of(TableSection.untitled(rows)), q.notes());
    }

    /** What cleaning did per column, or null when the report lists no columns. */
    public Table cleaning(DataQualityReport q) {
        if (q.columns().isEmpty()) {
            return null;
        }
        ReportText t = labels.text();
        List<Row> rows = new ArrayList<>();
        for (ColumnQuality c : q.columns()) {
            rows.add(Row.of(RowKind.DATA, labels.variable(c.column()), List.of(
                    numbers.countCell(c.missingBefore()), numbers.countCell(c.filled()),
                    numbers.countCell(c.missingAfter()), numbers.countCell(c.winsorizedLow()),
                    numbers.countCell(c.winsorizedHigh()))));
        }
        List<Cell> top = List.of(Cell.EMPTY, Cell.spanning(t.get("quality.missingValues"), 3), Cell.spanning(t.get("quality.winsorized"), 2));
        List<Cell> bottom = List.of(Cell.text(t.get("quality.column")), Cell.text(t.get("quality.before")),
                Cell.text(t.get("quality.filled")), Cell.text(t.get("quality.after")), Cell.text(t.get("quality.low")),
                Cell.text(t.get("quality.high")));
        return new Table("data-cleaning", t.get("quality.cleaning.title"), List.of(top, bottom),
                List.of(TableSection.untitled(rows)), List.of(t.get("quality.cleaning.notes")));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
