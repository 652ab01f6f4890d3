package io.panelflow.report.table;

import io.panelflow.model.result.IndexResult;
import io.panelflow.model.result.IndexValue;
import io.panelflow.model.spec.IndexSpec;
import io.panelflow.model.spec.IndicatorSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Composite-index tables: the weights per indicator grouped by dimension (with the dimension's
 * total), or per indicator and year under per-year scope; and the index values unit × year.
 */
public final class IndexTables {

    private final Labels labels;
    private final NumberFormatter numbers;

    public IndexTables(Labels labels, TableOptions options) {
        this.labels = labels == null ? Labels.none() : labels;
        this.numbers = (options == null ? TableOptions.DEFAULT : options).numbers();
    }

    /** Weights table, or null when the index has no weights (the reverse fiscal index). */
    public Table weights(IndexResult index, IndexSpec spec) {
        if (index.weights().isEmpty()) {
            return null;
        }
        Map<String, IndicatorSpec> indicators = new LinkedHashMap<>();
        if (spec != null) {
            spec.indicators().forEach(i -> indicators.put(i.column(), i));
        }
        String id = "index-" + index.name() + "-weights";
        String title = labels.text().get("index.weights.title", Labels.qualified(labels.variable(index.name()), index.method()));
        List<String> notes = new ArrayList<>(diagnosticNotes(index));
        notes.add(0, labels.text().get("index.method", index.method()));
        boolean perYear = index.weights().keySet().stream().anyMatch(k -> k.contains("/"));
        if (perYear) {
            return perYearWeights(index, indicators, id, title, notes);
        }
        Map<String, List<String>> byDimension = new LinkedHashMap<>();
        for (String indicator : orderedIndicators(index.weights().keySet(), indicators)) {
            IndicatorSpec s = indicators.get(indicator);
            String dimension = s == null || s.group() == null ? "" : s.group();
            byDimension.computeIfAbsent(dimension, k -> new ArrayList<>()).add(indicator);
        }
        List<TableSection> sections = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byDimension.entrySet()) {
            List<Row> rows = new ArrayList<>();
            double total = 0;
            for (String indicator : e.getValue()) {
                Double w = index.weights().get(indicator);
                total += w == null || !Double.isFinite(w) ? 0 : w;
                IndicatorSpec s = indicators.get(indicator);
                rows.add(Row.of(RowKind.DATA, indicatorLabel(indicator, s), List.of(
                        Cell.text(indicator),
                        Cell.text(s == null ? "" : s.positive() ? "+" : "−"),
                        numbers.cell(w))));
            }
            boolean named = !e.getKey().isEmpty();
            if (named) {
                rows.add(Row.of(RowKind.STATISTIC, labels.text().get("index.dimensionWeight"), List.of(Cell.EMPTY, Cell.EMPTY, numbers.cell(total))));
            }
            sections.add(new TableSection(named ? Labels.capitalized(labels.variable(e.getKey())) : null, rows));
        }
        notes.add(0, labels.text().get("index.weights.notes"));
        List<Cell> header = List.of(Cell.text(labels.text().get("index.indicator")), Cell.text(labels.text().get("index.column")),
                Cell.text(labels.text().get("index.direction")), Cell.text(labels.text().get("index.weight")));
        return new Table(id, title, List.of(header), sections, notes);
    }

    private Table perYearWeights(IndexResult index, Map<String, IndicatorSpec> indicators, String id, String title,
                                 List<String> notes) {
        Set<String> years = new TreeSet<>();
        Set<String> names = new LinkedHashSet<>();
        for (String key : index.weights().keySet()) {
            int slash = key.indexOf('/');
            if (slash > 0) {
                years.add(key.substring(0, slash));
                names.add(key.substring(slash + 1));
            }
        }
        List<Cell> header = new ArrayList<>();
        header.add(Cell.text(labels.text().get("index.indicator")));
        years.forEach(y -> header.add(Cell.text(y)));
        List<Row> rows = new ArrayList<>();
        for (String indicator : orderedIndicators(names, indicators)) {
            List<Cell> cells = years.stream().map(y -> numbers.cell(index.weights().get(y + "/" + indicator))).toList();
            rows.add(Row.of(RowKind.DATA, indicatorLabel(indicator, indicators.get(indicator)), cells));
        }
        notes.add(0, labels.text().get("index.weights.perYear"));
        return new Table(id, title, List.of(header), List.of(TableSection.untitled(rows)), notes);
    }

    private static List<String> orderedIndicators(Set<String> present, Map<String, IndicatorSpec> specOrder) {
        List<String> out = new ArrayList<>();
        specOrder.keySet().stream().filter(present::contains).forEach(out::add);
        present.stream().filter(p -> !out.contains(p)).forEach(out::add);
        return out;
    }

    private String indicatorLabel(String column, IndicatorSpec spec) {
        if (spec != null && spec.label() != null && !spec.label().isBlank()) {
            return spec.label();
        }
        return labels.variable(column);
    }

    /** Index values with units as rows and periods as columns (Han, Sun and Liu 2024, Table 2). */
    public Table values(IndexResult index) {
        return values(index, Integer.MAX_VALUE);
    }

    /**
     * Index values, at most {@code maxUnits} units (in the order of the results); a note says how many are shown
     * and where the full table is (the report's CSV download and {@code /api/runs/{id}/indices}).
     */
    public Table values(IndexResult index, int maxUnits) {
        Set<String> units = new LinkedHashSet<>();
        Set<String> times = new TreeSet<>();
        Map<String, Double> byKey = new LinkedHashMap<>();
        for (IndexValue v : index.values()) {
            units.add(v.unit());
            times.add(v.time());
            byKey.put(v.unit() + "\u0000" + v.time(), v.value());
        }
        if (units.isEmpty()) {
            return null;
        }
        List<Cell> header = new ArrayList<>();
        header.add(Cell.text(labels.text().get("index.unit")));
        times.forEach(t -> header.add(Cell.text(t)));
        List<Row> rows = new ArrayList<>();
        for (String unit : units) {
            if (rows.size() >= maxUnits) {
                break;
            }
            rows.add(Row.of(RowKind.DATA, unit,
                    times.stream().map(t -> numbers.cell(byKey.get(unit + "\u0000" + t))).toList()));
        }
        List<String> notes = new ArrayList<>();
        notes.add(labels.text().get("index.values.notes", index.method()
                + (index.scope() == null ? "" : labels.text().get("index.scope", index.scope()))));
        if (units.size() > rows.size()) {
            notes.add(labels.text().get("index.values.shortened", rows.size(), units.size()));
        }
        return new Table("index-" + index.name() + "-values",
                labels.text().get("index.values.title", labels.variable(index.name())),
                List.of(header), List.of(TableSection.untitled(rows)), notes);
    }

    private List<String> diagnosticNotes(IndexResult index) {
        List<String> parts = new ArrayList<>();
        index.diagnostics().forEach((k, v) -> {
            Double d = DiagnosticValue.asDouble(v);
            if (d != null && v instanceof Number) {
                parts.add(k + " = " + (NumberFormatter.isCount((Number) v) ? numbers.integer((Number) v) : numbers.format(d)));
            }
        });
        return parts.isEmpty() ? new ArrayList<>() : new ArrayList<>(List.of(labels.text().get("index.diagnostics", String.join(", ", parts))));
    }
}
