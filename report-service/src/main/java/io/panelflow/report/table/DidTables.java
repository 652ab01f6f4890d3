package io.panelflow.report.table;

import io.panelflow.model.result.ModelResult;

import io.panelflow.report.text.ReportText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The detail tables of a staggered DID, read from the results' diagnostics: Callaway–Sant'Anna's ATT(g, t)
 * ({@code attGt}), the Sun–Abraham cohort × relative-period coefficients ({@code cohortPeriod}), the
 * Goodman-Bacon decomposition ({@code bacon}) and the permutation placebo test ({@code placebo}). Each returns
 * null when its result lacks the entry.
 */
public final class DidTables {

    private final NumberFormatter numbers;
    private final ReportText text;

    public DidTables(TableOptions options) {
        this(Labels.none(), options);
    }

    public DidTables(Labels labels, TableOptions options) {
        this.numbers = (options == null ? TableOptions.DEFAULT : options).numbers();
        this.text = (labels == null ? Labels.none() : labels).text();
    }

    /** One row per ATT(g, t): cohort, period, base period, estimate, SE, 95% interval, p, comparison units. */
    public Table groupTime(String id, String title, ModelResult cs) {
        List<Map<String, Object>> cells = rows(cs, "attGt");
        if (cells == null || cells.isEmpty()) {
            return null;
        }
        List<Row> pre = new ArrayList<>();
        List<Row> post = new ArrayList<>();
        for (Map<String, Object> c : cells) {
            Row row = Row.of(RowKind.DATA, text.get("did.attGt.cohort", integer(c.get("group"))), List.of(
                    numbers.countCell(number(c.get("time"))), numbers.countCell(number(c.get("basePeriod"))),
                    numbers.cell(value(c.get("att"))), numbers.cell(value(c.get("stdError"))),
                    numbers.cell(value(c.get("confLow"))), numbers.cell(value(c.get("confHigh"))),
                    numbers.pValueCell(value(c.get("pValue"))), numbers.countCell(number(c.get("controlUnits")))));
            (Boolean.TRUE.equals(c.get("post")) ? post : pre).add(row);
        }
        List<TableSection> sections = new ArrayList<>();
        if (!post.isEmpty()) {
            sections.add(new TableSection(text.get("did.attGt.post"), post));
        }
        if (!pre.isEmpty()) {
            sections.add(new TableSection(text.get("did.attGt.pre"), pre));
        }
        Object control = cs.diagnostics().get("controlGroup");
        Object covariates = cs.diagnostics().get("covariates");
        return new Table(id, title, headers("did.attGt.header", 9), sections,
                List.of(text.get("did.attGt.notes", control == null ? text.get("did.neverTreated")
                                : java.util.Objects.requireNonNullElse(text.find("did.control." + control), control),
                        covariates instanceof List<?> l && !l.isEmpty() ? text.get("did.withCovariates", String.join(", ",
                        l.stream().map(String::valueOf).toList())) : text.get("did.withoutCovariates"))));
    }

    /** One row per Sun–Abraham cohort × relative-period coefficient. */
    public Table cohortPeriod(String id, String title, ModelResult sa) {
        List<Map<String, Object>> cells = rows(sa, "cohortPeriod");
        if (cells == null || cells.isEmpty()) {
            return null;
        }
        List<Row> rows = new ArrayList<>();
        for (Map<String, Object> c : cells) {
            rows.add(Row.of(RowKind.DATA, text.get("did.cohortPeriod.cohort", integer(c.get("cohort"))), List.of(
                    Cell.number(integer(c.get("relTime")), number(c.get("relTime")).doubleValue()),
                    numbers.cell(value(c.get("estimate"))), numbers.cell(value(c.get("stdError"))),
                    numbers.cell(value(c.get("statistic"))), numbers.pValueCell(value(c.get("pValue"))),
                    numbers.countCell(number(c.get("observations"))))));
        }
        return new Table(id, title, headers("did.cohortPeriod.header", 7),
                List.of(TableSection.untitled(rows)), List.of(text.get("did.cohortPeriod.notes")));
    }

    /** The Goodman-Bacon decomposition: weight and average 2×2 estimate by type, then every comparison. */
    @SuppressWarnings("unchecked")
    public Table bacon(String id, String title, ModelResult twfe) {
        if (!(twfe.diagnostics().get("bacon") instanceof Map<?, ?> raw)) {
            return null;
        }
        Map<String, Object> b = (Map<String, Object>) raw;
        List<Row> types = new ArrayList<>();
        for (Map<String, Object> t : (List<Map<String, Object>>) b.getOrDefault("byType", List.of())) {
            types.add(Row.of(RowKind.DATA, typeLabel(t.get("type")), List.of(Cell.EMPTY,
                    numbers.cell(value(t.get("weight"))), numbers.cell(value(t.get("estimate"))))));
        }
        List<Row> comparisons = new ArrayList<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) b.getOrDefault("comparisons", List.of())) {
            Object control = c.get("control");
            comparisons.add(Row.of(RowKind.DATA, typeLabel(c.get("type")), List.of(
                    Cell.text(text.get("did.bacon.versus", integer(c.get("treated")),
                            number(control) != null && number(control).intValue() == 0
                            ? text.get("did.bacon.neverTreated") : integer(control))),
                    numbers.cell(value(c.get("weight"))), numbers.cell(value(c.get("estimate"))))));
        }
        List<Row> total = List.of(Row.of(RowKind.STATISTIC, text.get("did.bacon.total"), List.of(Cell.EMPTY,
                numbers.cell(value(b.get("weightSum"))), numbers.cell(value(b.get("weightedSum"))))));
        return new Table(id, title, headers("did.bacon.header", 4),
                List.of(new TableSection(text.get("did.bacon.byType"), types),
                        new TableSection(text.get("did.bacon.every"), comparisons), TableSection.untitled(total)),
                List.of(text.get("did.bacon.notes")));
    }

    /** The placebo test in one row: permutations, seed, estimate, placebo mean and sd, p-value. */
    @SuppressWarnings("unchecked")
    public Table placebo(String id, String title, ModelResult twfe) {
        if (!(twfe.diagnostics().get("placebo") instanceof Map<?, ?> raw)) {
            return null;
        }
        Map<String, Object> p = (Map<String, Object>) raw;
        return new Table(id, title, headers("did.placebo.header", 7),
                List.of(TableSection.untitled(List.of(Row.of(RowKind.DATA, "treat_post", List.of(
                        numbers.countCell(number(p.get("permutations"))), Cell.text(integer(p.get("seed"))),
                        numbers.cell(value(p.get("estimate"))), numbers.cell(value(p.get("mean"))),
                        numbers.cell(value(p.get("sd"))), numbers.pValueCell(value(p.get("pValue")))))))),
                List.of(text.get("did.placebo.notes")));
    }

    private String typeLabel(Object type) {
        String label = text.find("did.bacon.type." + type);
        return label == null ? String.valueOf(type) : label;
    }

    /** One header row from the catalogue's {@code key} ("Cohort|Period t|…", {@code |}-separated). */
    private List<List<Cell>> headers(String key, int columns) {
        String[] names = text.get(key).split("\\|", -1);
        if (names.length != columns) {
            throw new IllegalStateException(key + " names " + names.length + " columns, the table has " + columns);
        }
        return List.of(java.util.Arrays.stream(names).map(Cell::text).toList());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(ModelResult m, String key) {
        return m.diagnostics().get(key) instanceof List<?> l ? (List<Map<String, Object>>) l : null;
    }

    private static Number number(Object v) {
        return v instanceof Number n ? n : null;
    }

    private static Double value(Object v) {
        return v instanceof Number n ? n.doubleValue() : null;
    }

    private String integer(Object v) {
        return v instanceof Number n ? numbers.integer(n) : String.valueOf(v);
    }
}
