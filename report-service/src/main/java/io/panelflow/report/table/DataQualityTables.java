package io.panelflow.report.table;

import io.panelflow.model.result.ColumnQuality;
import io.panelflow.model.result.DataQualityReport;

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
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of(RowKind.DATA, "Observations (rows)", List.of(numbers.countCell(q.rows()))));
        rows.add(Row.of(RowKind.DATA, "Units", List.of(numbers.countCell(q.units()))));
        rows.add(Row.of(RowKind.DATA, "Periods", List.of(numbers.countCell(q.periods()))));
        if (q.firstPeriod() != null || q.lastPeriod() != null) {
            rows.add(Row.of(RowKind.DATA, "Period range", List.of(Cell.text(
                    nullToEmpty(q.firstPeriod()) + "–" + nullToEmpty(q.lastPeriod())))));
        }
        rows.add(Row.of(RowKind.DATA, "Balanced panel", List.of(Cell.text(q.balanced() ? "Yes" : "No"))));
        rows.add(Row.of(RowKind.DATA, "Gaps (missing unit-periods)", List.of(numbers.countCell(q.gaps()))));
        return new Table("data-structure", "Panel structure",
                List.of(List.of(Cell.text("Item"), Cell.text("Value"))),
                List.of(TableSection.untitled(rows)), q.notes());
    }

    /** What cleaning did per column, or null when the report lists no columns. */
    public Table cleaning(DataQualityReport q) {
        if (q.columns().isEmpty()) {
            return null;
        }
        List<Row> rows = new ArrayList<>();
        for (ColumnQuality c : q.columns()) {
            rows.add(Row.of(RowKind.DATA, labels.variable(c.column()), List.of(
                    numbers.countCell(c.missingBefore()), numbers.countCell(c.filled()),
                    numbers.countCell(c.missingAfter()), numbers.countCell(c.winsorizedLow()),
                    numbers.countCell(c.winsorizedHigh()))));
        }
        List<Cell> top = List.of(Cell.EMPTY, Cell.spanning("Missing values", 3), Cell.spanning("Winsorized", 2));
        List<Cell> bottom = List.of(Cell.text("Column"), Cell.text("Before"), Cell.text("Filled"), Cell.text("After"),
                Cell.text("Low"), Cell.text("High"));
        return new Table("data-cleaning", "Cleaning by column", List.of(top, bottom),
                List.of(TableSection.untitled(rows)), List.of("Counts of unit-period cells."));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
