package io.panelflow.report.table;

import io.panelflow.model.result.Coefficient;
import io.panelflow.model.result.FixedEffectInfo;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.result.VcovInfo;
import io.panelflow.report.text.ReportText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The parts every regression table shares, one column per model: coefficient rows with stars and
 * the standard error (or t) in parentheses below, Controls and fixed-effect Yes/No rows, N, R²,
 * adjusted and within R², clusters, and the notes stating the conventions.
 */
public final class RegressionTableBuilder {

    private final Labels labels;
    private final TableOptions options;
    private final NumberFormatter numbers;

    public RegressionTableBuilder(Labels labels, TableOptions options) {
        this.labels = labels == null ? Labels.none() : labels;
        this.options = options == null ? TableOptions.DEFAULT : options;
        this.numbers = this.options.numbers();
    }

    public Labels labels() {
        return labels;
    }

    public NumberFormatter numbers() {
        return numbers;
    }

    /**
     * Header rows from per-level column texts (outermost first). Equal neighbours merge into one
     * spanning cell on every level but the last; a level whose texts are all blank is left out.
     */
    public List<List<Cell>> headers(List<List<String>> levels, String stubHeading) {
        List<List<String>> kept = levels.stream()
                .filter(level -> level.stream().anyMatch(t -> t != null && !t.isBlank()))
                .toList();
        List<List<Cell>> rows = new ArrayList<>();
        for (int l = 0; l < kept.size(); l++) {
            boolean last = l == kept.size() - 1;
            List<Cell> row = new ArrayList<>();
            row.add(Cell.text(last ? stubHeading : ""));
            List<String> texts = kept.get(l);
            int i = 0;
            while (i < texts.size()) {
                String text = texts.get(i) == null ? "" : texts.get(i);
                int span = 1;
                while (!last && i + span < texts.size() && text.equals(Objects.toString(texts.get(i + span), ""))
                        && sameParents(kept, l, i, i + span)) {
                    span++;
                }
                row.add(Cell.spanning(text, span));
                i += span;
            }
            rows.add(row);
        }
        return rows;
    }

    private static boolean sameParents(List<List<String>> levels, int level, int a, int b) {
        for (int l = 0; l < level; l++) {
            if (!Objects.equals(levels.get(l).get(a), levels.get(l).get(b))) {
                return false;
            }
        }
        return true;
    }

    /** "(1)", "(2)", ... */
    public static List<String> numbering(int columns) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
            out.add("(" + i + ")");
        }
        return out;
    }

    /**
     * The terms shown as rows, the intercept last. A term ranks by its earliest position in any
     * column's regressor list (ties by first appearance), so the regressor of interest leads even
     * where a robustness column replaces it by another variable.
     */
    public List<String> shownTerms(List<ModelResult> models) {
        Map<String, Integer> rank = new LinkedHashMap<>();
        models.forEach(m -> {
            List<Coefficient> cs = m.coefficients();
            for (int i = 0; i < cs.size(); i++) {
                rank.merge(cs.get(i).term(), i, Math::min);
            }
        });
        List<String> all = new ArrayList<>(rank.keySet());
        all.sort(java.util.Comparator.comparingInt(rank::get));
        List<String> terms = new ArrayList<>();
        List<String> intercepts = new ArrayList<>();
        Set<String> keys = keyTerms(models);
        for (String term : all) {
            if (Labels.isIntercept(term)) {
                intercepts.add(term);
            } else if (!options.collapseControls() || keys.contains(term) || EventTime.of(term) != null) {
                terms.add(term);
            }
        }
        terms.addAll(intercepts);
        return eventTimesTogether(terms, rank);
    }

    /**
     * Event-study terms ({@code rel_time::-3}) in event-time order as one block, after the terms some column
     * leads with (the ATT or TWFE estimate) and before the controls, not interleaved with them by position.
     */
    static List<String> eventTimesTogether(List<String> terms, Map<String, Integer> rank) {
        List<String> events = terms.stream().filter(t -> EventTime.of(t) != null)
                .sorted(java.util.Comparator.comparing((String t) -> EventTime.of(t).variable())
                        .thenComparingInt(t -> EventTime.of(t).period()))
                .toList();
        if (events.isEmpty()) {
            return terms;
        }
        List<String> out = new ArrayList<>();
        terms.stream().filter(t -> EventTime.of(t) == null && rank.get(t) == 0 && !Labels.isIntercept(t)).forEach(out::add);
        out.addAll(events);
        terms.stream().filter(t -> !out.contains(t)).forEach(out::add);
        return out;
    }

    private Set<String> keyTerms(List<ModelResult> models) {
        if (!options.keyTerms().isEmpty()) {
            return new LinkedHashSet<>(options.keyTerms());
        }
        Set<String> keys = new LinkedHashSet<>();
        if (!models.isEmpty()) {
            models.get(0).coefficients().stream().map(Coefficient::term)
                    .filter(t -> !Labels.isIntercept(t)).forEach(keys::add);
        }
        return keys;
    }

    /** Estimate rows with stars, each followed by its standard error or t statistic in parentheses. */
    public List<Row> coefficientRows(List<ModelResult> models) {
        List<Row> rows = new ArrayList<>();
        for (String term : shownTerms(models)) {
            List<Coefficient> column = models.stream().map(m -> m.coefficient(term)).toList();
            rows.addAll(coefficientRows(labels.term(term), column));
        }
        return rows;
    }

    /** The two rows of one coefficient across columns (a null entry leaves the column empty). */
    public List<Row> coefficientRows(String label, List<Coefficient> column) {
        List<Cell> estimates = new ArrayList<>();
        List<Cell> below = new ArrayList<>();
        for (Coefficient c : column) {
            estimates.add(estimateCell(c));
            below.add(uncertaintyCell(c));
        }
        return List.of(Row.of(RowKind.DATA, label, estimates), Row.of(RowKind.UNCERTAINTY, "", below));
    }

    public Cell estimateCell(Coefficient c) {
        if (c == null || !Double.isFinite(c.estimate())) {
            return Cell.text(c == null ? "" : options.missing());
        }
        return Cell.number(numbers.format(c.estimate()) + SignificanceStars.of(c.pValue()), c.estimate());
    }

    public Cell uncertaintyCell(Coefficient c) {
        if (c == null) {
            return Cell.EMPTY;
        }
        double v = options.uncertainty() == Uncertainty.T_STATISTIC ? c.statistic() : c.stdError();
        if (!Double.isFinite(v)) {
            return Cell.text(options.missing());
        }
        return Cell.number("(" + numbers.format(v) + ")", v);
    }

    /** "Controls Yes/No" when controls are collapsed, then one Yes/No row per fixed effect. */
    public List<Row> indicatorRows(List<ModelResult> models) {
        List<Row> rows = new ArrayList<>();
        if (options.collapseControls()) {
            Set<String> keys = keyTerms(models);
            List<Cell> cells = models.stream().map(m -> yesNo(m.coefficients().stream()
                    .map(Coefficient::term)
                    .anyMatch(t -> !keys.contains(t) && !Labels.isIntercept(t)))).toList();
            rows.add(Row.of(RowKind.INDICATOR, labels.text().get("row.controls"), cells));
        }
        Set<String> effects = new LinkedHashSet<>();
        models.forEach(m -> m.fixedEffects().forEach(f -> effects.add(f.name())));
        for (String fe : effects) {
            List<Cell> cells = models.stream().map(m -> yesNo(m.fixedEffects().stream()
                    .map(FixedEffectInfo::name).anyMatch(fe::equals))).toList();
            rows.add(Row.of(RowKind.INDICATOR, labels.fixedEffect(fe), cells));
        }
        return rows;
    }

    private Cell yesNo(boolean yes) {
        return Cell.text(labels.text().yesNo(yes));
    }

    /** N, R², adjusted R², within R² and clusters; a statistic no column has is left out. */
    public List<Row> statisticRows(List<ModelResult> models) {
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of(RowKind.STATISTIC, labels.text().get("row.observations"),
                models.stream().map(m -> numbers.countCell(m.nobs())).toList()));
        addIfAny(rows, labels.text().get("row.r2"), models, ModelResult::r2);
        addIfAny(rows, labels.text().get("row.adjustedR2"), models, ModelResult::adjR2);
        addIfAny(rows, labels.text().get("row.withinR2"), models, ModelResult::r2Within);
        rows.addAll(clusterRows(models));
        return rows;
    }

    private void addIfAny(List<Row> rows, String label, List<ModelResult> models, Function<ModelResult, Double> f) {
        if (models.stream().map(f).anyMatch(v -> v != null && Double.isFinite(v))) {
            rows.add(Row.of(RowKind.STATISTIC, label, models.stream().map(m -> numbers.cell(f.apply(m))).toList()));
        }
    }

    private List<Row> clusterRows(List<ModelResult> models) {
        Set<String> variables = new LinkedHashSet<>();
        for (ModelResult m : models) {
            if (isClustered(m.vcov())) {
                variables.addAll(m.vcov().by());
            }
        }
        List<Row> rows = new ArrayList<>();
        for (String variable : variables) {
            String label = variables.size() == 1 ? labels.text().get("row.clusters")
                    : labels.text().get("row.clustersBy", Labels.capitalized(labels.variable(variable)));
            List<Cell> cells = new ArrayList<>();
            for (ModelResult m : models) {
                int at = isClustered(m.vcov()) ? m.vcov().by().indexOf(variable) : -1;
                Integer n = at >= 0 && at < m.vcov().clusters().size() ? m.vcov().clusters().get(at) : null;
                cells.add(n == null ? Cell.EMPTY : numbers.countCell(n));
            }
            rows.add(Row.of(RowKind.STATISTIC, label, cells));
        }
        return rows;
    }

    private static boolean isClustered(VcovInfo vcov) {
        return vcov != null && "cluster".equals(vcov.type());
    }

    /**
     * The conventions under the table: what is in parentheses and how it was computed (per group of
     * columns when they differ), the small-sample rule, the stars legend, and the models' own notes.
     */
    public List<String> notes(List<ModelResult> models) {
        if (labels.text().isChinese()) {
            return chineseNotes(models);
        }
        ReportText text = labels.text();
        List<String> notes = new ArrayList<>();
        boolean t = options.uncertainty() == Uncertainty.T_STATISTIC;
        Map<String, List<Integer>> vcovs = byColumns(models, m -> VcovDescription.of(m.vcov(), labels));
        Map<String, List<Integer>> rules = byColumns(models,
                m -> m.vcov() == null || m.vcov().smallSample() == null ? "" : m.vcov().smallSample());
        if (vcovs.size() == 1) {
            String what = vcovs.keySet().iterator().next();
            notes.add(t ? text.get("notes.t", lowerFirst(what)) : text.get("notes.se", what));
        } else {
            List<String> parts = new ArrayList<>();
            parts.add(text.get(t ? "notes.t.mixed" : "notes.se.mixed"));
            vcovs.forEach((what, cols) -> parts.add(text.get("notes.byColumns", text.columns(cols), lowerFirst(what))));
            notes.add(String.join(" ", parts));
        }
        rules.remove("");
        if (rules.size() == 1) {
            notes.add(text.get("notes.smallSample", rules.keySet().iterator().next()));
        } else if (rules.size() > 1) {
            List<String> parts = new ArrayList<>();
            rules.forEach((rule, cols) -> parts.add(text.columns(cols) + ": " + rule));
            notes.add(text.get("notes.smallSample", String.join("; ", parts)));
        }
        notes.add(text.get("notes.stars"));
        Map<String, List<Integer>> modelNotes = new LinkedHashMap<>();
        for (int i = 0; i < models.size(); i++) {
            for (String note : models.get(i).notes()) {
                modelNotes.computeIfAbsent(note, k -> new ArrayList<>()).add(i + 1);
            }
        }
        modelNotes.forEach((note, cols) -> notes.add(
                (cols.size() == models.size() ? "" : text.columns(cols) + ": ") + note));
        return notes;
    }

    /**
     * The note as Chinese journals print it, one sentence: 括号内为聚类到省份层面的稳健标准误；*、**、***分别表示在10%、5%、
     * 1%的水平上显著。 The small-sample rules and the estimators' own notes are in the reproducibility section.
     */
    private List<String> chineseNotes(List<ModelResult> models) {
        ReportText text = labels.text();
        boolean t = options.uncertainty() == Uncertainty.T_STATISTIC;
        Map<String, List<Integer>> vcovs = byColumns(models, m -> VcovDescription.of(m.vcov(), labels));
        List<String> parts = new ArrayList<>();
        if (vcovs.size() == 1) {
            String what = vcovs.keySet().iterator().next();
            parts.add(text.get(t ? "notes.t" : "notes.se", what));
        } else {
            parts.add(text.get(t ? "notes.t.mixed" : "notes.se.mixed"));
            vcovs.forEach((what, cols) -> parts.add(text.get("notes.byColumns", text.columns(cols), what)));
        }
        parts.add(text.get("notes.stars.clause"));
        return List.of(String.join(text.get("notes.clause.separator"), parts) + text.get("notes.end"));
    }

    private static Map<String, List<Integer>> byColumns(List<ModelResult> models, Function<ModelResult, String> key) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        for (int i = 0; i < models.size(); i++) {
            out.computeIfAbsent(key.apply(models.get(i)), k -> new ArrayList<>()).add(i + 1);
        }
        return out;
    }

    private static String lowerFirst(String s) {
        if (s.isEmpty() || s.startsWith("Driscoll") || s.startsWith("HC")) {
            return s;
        }
        return s.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + s.substring(1);
    }
}
