package io.panelflow.report.table;

import io.panelflow.model.result.ModelResult;

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

    public DidTables(TableOptions options) {
        this.numbers = (options == null ? TableOptions.DEFAULT : options).numbers();
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
            Row row = Row.of(RowKind.DATA, "g = " + integer(c.get("group")), List.of(
                    numbers.countCell(number(c.get("time"))), numbers.countCell(number(c.get("basePeriod"))),
                    numbers.cell(value(c.get("att"))), numbers.cell(value(c.get("stdError"))),
                    numbers.cell(value(c.get("confLow"))), numbers.cell(value(c.get("confHigh"))),
                    numbers.pValueCell(value(c.get("pValue"))), numbers.countCell(number(c.get("controlUnits")))));
            (Boolean.TRUE.equals(c.get("post")) ? post : pre).add(row);
        }
        List<TableSection> sections = new ArrayList<>();
        if (!post.isEmpty()) {
            sections.add(new TableSection("Treatment effects (t ≥ g)", post));
        }
        if (!pre.isEmpty()) {
            sections.add(new TableSection("Pre-treatment placebos (t < g, one-period changes)", pre));
        }
        Object control = cs.diagnostics().get("controlGroup");
        Object covariates = cs.diagnostics().get("covariates");
        return new Table(id, title, List.of(List.of(Cell.text("Cohort"), Cell.text("Period t"), Cell.text("Base period"),
                Cell.text("ATT(g, t)"), Cell.text("Std. error"), Cell.text("95% CI low"), Cell.text("95% CI high"),
                Cell.text("p"), Cell.text("Comparison units"))), sections,
                List.of("Callaway–Sant'Anna group-time effects, " + (control == null ? "never-treated" : control)
                        + " comparison units, doubly robust"
                        + (covariates instanceof List<?> l && !l.isEmpty() ? " with covariates " + String.join(", ",
                        l.stream().map(String::valueOf).toList()) : " without covariates")
                        + "; standard errors from the influence function, clustered by unit; normal 95% intervals."));
    }

    /** One row per Sun–Abraham cohort × relative-period coefficient. */
    public Table cohortPeriod(String id, String title, ModelResult sa) {
        List<Map<String, Object>> cells = rows(sa, "cohortPeriod");
        if (cells == null || cells.isEmpty()) {
            return null;
        }
        List<Row> rows = new ArrayList<>();
        for (Map<String, Object> c : cells) {
            rows.add(Row.of(RowKind.DATA, "cohort " + integer(c.get("cohort")), List.of(
                    Cell.number(integer(c.get("relTime")), number(c.get("relTime")).doubleValue()),
                    numbers.cell(value(c.get("estimate"))), numbers.cell(value(c.get("stdError"))),
                    numbers.cell(value(c.get("statistic"))), numbers.pValueCell(value(c.get("pValue"))),
                    numbers.countCell(number(c.get("observations"))))));
        }
        return new Table(id, title, List.of(List.of(Cell.text("Cohort"), Cell.text("Relative period"),
                Cell.text("Estimate"), Cell.text("Std. error"), Cell.text("t"), Cell.text("p"), Cell.text("Observations"))),
                List.of(TableSection.untitled(rows)),
                List.of("Sun–Abraham interaction-weighted regression (reference period −1, never-treated units as the"
                        + " control cohort); standard errors clustered by unit, t(G − 1)."));
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
                    Cell.text(integer(c.get("treated")) + " vs " + (number(control) != null && number(control).intValue() == 0
                            ? "never treated" : integer(control))),
                    numbers.cell(value(c.get("weight"))), numbers.cell(value(c.get("estimate"))))));
        }
        List<Row> total = List.of(Row.of(RowKind.STATISTIC, "TWFE estimate", List.of(Cell.EMPTY,
                numbers.cell(value(b.get("weightSum"))), numbers.cell(value(b.get("weightedSum"))))));
        return new Table(id, title, List.of(List.of(Cell.text("Comparison"), Cell.text("Cohorts"), Cell.text("Weight"),
                Cell.text("2×2 estimate"))),
                List.of(new TableSection("By type", types), new TableSection("Every 2×2 comparison", comparisons),
                        TableSection.untitled(total)),
                List.of("Goodman-Bacon (2021) decomposition of y ~ treat_post | unit + period on the balanced panel:"
                        + " the weights sum to one and the weighted 2×2 estimates add up to the TWFE estimate."
                        + " By type, the estimate is the weight-averaged 2×2 estimate."));
    }

    /** The placebo test in one row: permutations, seed, estimate, placebo mean and sd, p-value. */
    @SuppressWarnings("unchecked")
    public Table placebo(String id, String title, ModelResult twfe) {
        if (!(twfe.diagnostics().get("placebo") instanceof Map<?, ?> raw)) {
            return null;
        }
        Map<String, Object> p = (Map<String, Object>) raw;
        return new Table(id, title, List.of(List.of(Cell.text(""), Cell.text("Permutations"), Cell.text("Seed"),
                Cell.text("Estimate"), Cell.text("Placebo mean"), Cell.text("Placebo sd"), Cell.text("p"))),
                List.of(TableSection.untitled(List.of(Row.of(RowKind.DATA, "treat_post", List.of(
                        numbers.countCell(number(p.get("permutations"))), Cell.text(integer(p.get("seed"))),
                        numbers.cell(value(p.get("estimate"))), numbers.cell(value(p.get("mean"))),
                        numbers.cell(value(p.get("sd"))), numbers.pValueCell(value(p.get("pValue")))))))),
                List.of("Adoption years permuted at random across units; p is the share of permutations whose TWFE"
                        + " estimate is at least as large in absolute value as the estimate."));
    }

    private static String typeLabel(Object type) {
        return switch (String.valueOf(type)) {
            case "earlier-vs-later" -> "Earlier vs later treated";
            case "later-vs-earlier" -> "Later vs earlier treated";
            case "treated-vs-never" -> "Treated vs never treated";
            default -> String.valueOf(type);
        };
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
