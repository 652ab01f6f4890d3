package io.panelflow.report.table;

import io.panelflow.model.result.DescriptiveStatistic;

import java.util.ArrayList;
import java.util.List;

/** Descriptive statistics: Obs, Mean, Std. dev., Min, Median, Max per variable, labelled from the spec. */
public final class DescriptiveTables {

    private final Labels labels;
    private final NumberFormatter numbers;

    public DescriptiveTables(Labels labels, TableOptions options) {
        this.labels = labels == null ? Labels.none() : labels;
        this.numbers = (options == null ? TableOptions.DEFAULT : options).numbers();
    }

    public Table descriptives(String id, String title, List<DescriptiveStatistic> statistics) {
        boolean symbols = statistics.stream().anyMatch(s -> !labels.variable(s.variable()).equals(s.variable()));
        List<Cell> header = new ArrayList<>();
        header.add(Cell.text(labels.text().get("descriptives.variable")));
        if (symbols) {
            header.add(Cell.text(labels.text().get("descriptives.symbol")));
        }
        for (String h : List.of("obs", "mean", "sd", "min", "median", "max")) {
            header.add(Cell.text(labels.text().get("descriptives." + h)));
        }
        List<Row> rows = new ArrayList<>();
        for (DescriptiveStatistic s : statistics) {
            List<Cell> cells = new ArrayList<>();
            if (symbols) {
                cells.add(Cell.text(s.variable()));
            }
            cells.add(numbers.countCell(s.obs()));
            cells.add(numbers.cell(s.mean()));
            cells.add(numbers.cell(s.sd()));
            cells.add(numbers.cell(s.min()));
            cells.add(numbers.cell(s.median()));
            cells.add(numbers.cell(s.max()));
            rows.add(Row.of(RowKind.DATA, labels.variable(s.variable()), cells));
        }
        return new Table(id, title, List.of(header), List.of(TableSection.untitled(rows)),
                List.of(labels.text().get("descriptives.notes")));
    }
}
