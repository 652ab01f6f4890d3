package io.panelflow.ingest.validate;

import io.panelflow.frame.expr.Expression;
import io.panelflow.frame.expr.ExpressionException;
import io.panelflow.frame.formula.DummyTerm;
import io.panelflow.frame.formula.FixedEffectTerm;
import io.panelflow.frame.formula.Formula;
import io.panelflow.frame.formula.FormulaTerm;
import io.panelflow.ingest.upload.UploadProblem;
import io.panelflow.model.spec.AggregateSpec;
import io.panelflow.model.spec.BalanceSpec;
import io.panelflow.model.spec.DerivedColumnSpec;
import io.panelflow.model.spec.DidSpec;
import io.panelflow.model.spec.DmlSpec;
import io.panelflow.model.spec.HeterogeneitySpec;
import io.panelflow.model.spec.IndexSpec;
import io.panelflow.model.spec.IndicatorSpec;
import io.panelflow.model.spec.MechanismSpec;
import io.panelflow.model.spec.ModelSpec;
import io.panelflow.model.spec.RobustnessSpec;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.model.spec.ThresholdSpec;
import io.panelflow.model.spec.WinsorizeSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data columns a study spec uses, how (as numbers or also as text), and the names the spec
 * produces itself (index names, derived columns, balance indices, group-level aggregates), which
 * are not expected in the upload.
 *
 * <p>Uses, in spec order: panel unit, time, group and attributes (text); derived-column expressions
 * (numbers; a derived column may use the data and the derived columns before it); index indicators,
 * supply and population (numbers); balance measure expressions and weights (numbers) and {@code by}
 * (text); group-level aggregate columns and weights (numbers); every model's formula: fixed effects
 * and the variable of {@code i(var, ...)} dummies as text, every other variable as numbers; model
 * weights (numbers) and cluster variables (text); robustness variants: their formula, or the base
 * model's with {@code replace} applied and {@code add-controls} / {@code add-fixed-effects} added,
 * {@code exclude} columns (text), cluster variables (text); heterogeneity {@code by} (numbers when
 * split by quartiles or median, else text); mechanism mediator, moderator and treatment (numbers);
 * did outcome, adoption year and controls, threshold outcome, threshold variable, regime regressor and
 * controls, dml outcome, treatment and controls (numbers; expressions read for their columns);
 * cleaning and winsorize columns (numbers).
 *
 * <p>A malformed expression or formula is an {@link UploadProblem} naming where the spec has it.
 */
public final class SpecColumns {
    private final List<ColumnUse> uses;
    private final Set<String> produced;
    private final Set<String> derived;

    private SpecColumns(List<ColumnUse> uses, Set<String> produced, Set<String> derived) {
        this.uses = List.copyOf(uses);
        this.produced = Set.copyOf(produced);
        this.derived = Set.copyOf(derived);
    }

    /** Every use of a column that the data must provide (names the spec produces are left out). */
    public List<ColumnUse> uses() {
        return uses;
    }

    /** Names the spec produces: index names, derived columns, balance names, aggregate names. */
    public Set<String> produced() {
        return produced;
    }

    /** The derived-column names. */
    public Set<String> derived() {
        return derived;
    }

    /** The distinct data columns used as numbers, in order of first use. */
    public List<String> numericColumns() {
        Set<String> out = new LinkedHashSet<>();
        for (ColumnUse u : uses) {
            if (u.numeric()) {
                out.add(u.column());
            }
        }
        return List.copyOf(out);
    }

    /** The distinct data columns used at all, in order of first use. */
    public List<String> columns() {
        Set<String> out = new LinkedHashSet<>();
        uses.forEach(u -> out.add(u.column()));
        return List.copyOf(out);
    }

    /** The first use of each column, by column. */
    public Map<String, ColumnUse> firstUse() {
        Map<String, ColumnUse> out = new LinkedHashMap<>();
        for (ColumnUse u : uses) {
            out.putIfAbsent(u.column(), u);
        }
        return out;
    }

    /** The first numeric use of each column used as a number. */
    public Map<String, ColumnUse> firstNumericUse() {
        Map<String, ColumnUse> out = new LinkedHashMap<>();
        for (ColumnUse u : uses) {
            if (u.numeric()) {
                out.putIfAbsent(u.column(), u);
            }
        }
        return out;
    }

    public static SpecColumns of(StudySpec spec) {
        return new Collector(spec).collect();
    }

    private static final class Collector {
        private final StudySpec spec;
        private final List<ColumnUse> uses = new ArrayList<>();
        private final Set<String> produced = new LinkedHashSet<>();
        private final Set<String> derived = new LinkedHashSet<>();

        Collector(StudySpec spec) {
            this.spec = spec;
        }

        SpecColumns collect() {
            spec.indices().forEach(i -> addName(i.name()));
            spec.balance().forEach(b -> addName(b.name()));
            spec.estimation().aggregate().forEach(a -> addName(a.name()));
            spec.derive().forEach(d -> {
                addName(d.name());
                derived.add(d.name());
            });

            var panel = spec.panel();
            text(panel.unit(), "panel.unit");
            text(panel.time(), "panel.time");
            text(panel.group(), "panel.group");
            panel.attributes().forEach(a -> text(a, "panel.attributes"));

            Set<String> derivedSoFar = new LinkedHashSet<>();
            for (int k = 0; k < spec.derive().size(); k++) {
                DerivedColumnSpec d = spec.derive().get(k);
                String where = "derive[" + k + "] (" + d.name() + ")";
                for (String v : expression(d.expr(), where).variables()) {
                    if (derivedSoFar.contains(v)) {
                        continue;
                    }
                    if (derived.contains(v)) {
                        throw UploadProblem.inColumn("Invalid derived column", "derived column '" + d.name()
                                + "' uses '" + v + "', which is derived after it: list '" + v + "' first", v);
                    }
                    if (produced.contains(v)) {
                        throw UploadProblem.inColumn("Invalid derived column", "derived column '" + d.name()
                                + "' uses '" + v + "', which the spec computes only after cleaning", v);
                    }
                    uses.add(new ColumnUse(v, true, where));
                }
                derivedSoFar.add(d.name());
            }
            for (int k = 0; k < spec.indices().size(); k++) {
                IndexSpec index = spec.indices().get(k);
                String where = "indices[" + k + "] (" + index.name() + ")";
                for (IndicatorSpec ind : index.indicators()) {
                    number(ind.column(), where + " indicator");
                }
                number(index.supply(), where + " supply");
                number(index.population(), where + " population");
            }
            for (int k = 0; k < spec.balance().size(); k++) {
                BalanceSpec b = spec.balance().get(k);
                String where = "balance[" + k + "] (" + b.name() + ")";
                if (b.measure() != null) {
                    expression(b.measure(), where + " measure").variables().forEach(v -> number(v, where + " measure"));
                }
                number(b.weight(), where + " weight");
                text(b.by(), where + " by");
            }
            for (int k = 0; k < spec.estimation().aggregate().size(); k++) {
                AggregateSpec a = spec.estimation().aggregate().get(k);
                String where = "estimation.aggregate[" + k + "] (" + a.name() + ")";
                number(a.column(), where + " column");
                number(a.weight(), where + " weight");
            }
            Map<String, Formula> modelFormulas = new LinkedHashMap<>();
            for (int k = 0; k < spec.models().size(); k++) {
                ModelSpec m = spec.models().get(k);
                String where = "models[" + k + "] (" + m.id() + ")";
                Formula f = formula(m.formula(), where + " formula");
                modelFormulas.put(m.id(), f);
                formulaUses(f, where + " formula");
                number(m.weights(), where + " weights");
                m.vcov().cluster().forEach(c -> text(c, where + " cluster"));
            }
            for (int k = 0; k < spec.robustness().size(); k++) {
                robustness(k, spec.robustness().get(k), modelFormulas);
            }
            for (int k = 0; k < spec.heterogeneity().size(); k++) {
                HeterogeneitySpec h = spec.heterogeneity().get(k);
                String where = "heterogeneity[" + k + "] by";
                if ("quartiles".equals(h.split()) || "median".equals(h.split())) {
                    number(h.by(), where);
                } else {
                    text(h.by(), where);
                }
            }
            for (int k = 0; k < spec.mechanisms().size(); k++) {
                MechanismSpec m = spec.mechanisms().get(k);
                String where = "mechanisms[" + k + "]";
                number(m.mediator(), where + " mediator");
                number(m.moderator(), where + " moderator");
                number(m.treatment(), where + " treatment");
            }
            for (int k = 0; k < spec.did().size(); k++) {
                DidSpec d = spec.did().get(k);
                String where = "did[" + k + "] (" + d.id() + ")";
                expressions(List.of(d.outcome()), where + " outcome");
                number(d.adoption(), where + " adoption");
                expressions(d.controls(), where + " controls");
                d.vcov().cluster().forEach(c -> text(c, where + " cluster"));
            }
            for (int k = 0; k < spec.threshold().size(); k++) {
                ThresholdSpec t = spec.threshold().get(k);
                String where = "threshold[" + k + "] (" + t.id() + ")";
                expressions(List.of(t.outcome()), where + " outcome");
                expressions(List.of(t.threshold()), where + " threshold");
                expressions(List.of(t.regime()), where + " regime");
                expressions(t.controls(), where + " controls");
            }
            for (int k = 0; k < spec.dml().size(); k++) {
                DmlSpec m = spec.dml().get(k);
                String where = "dml[" + k + "] (" + m.id() + ")";
                expressions(List.of(m.outcome()), where + " outcome");
                expressions(List.of(m.treatment()), where + " treatment");
                expressions(m.controls(), where + " controls");
                if (m.foldColumn() != null) {
                    number(m.foldColumn(), where + " fold-column");
                }
                if (m.cluster() != null) {
                    text(m.cluster(), where + " cluster");
                }
            }
            spec.cleaning().columns().forEach(c -> number(c, "cleaning.columns"));
            WinsorizeSpec w = spec.cleaning().winsorize();
            if (w != null) {
                w.columns().forEach(c -> number(c, "cleaning.winsorize.columns"));
            }
            return new SpecColumns(uses, produced, derived);
        }

        private void robustness(int k, RobustnessSpec r, Map<String, Formula> modelFormulas) {
            String where = "robustness[" + k + "] (" + r.id() + ")";
            Formula f;
            if (r.formula() != null) {
                f = formula(r.formula(), where + " formula");
            } else {
                f = r.model() != null ? modelFormulas.get(r.model())
                        : modelFormulas.values().stream().findFirst().orElse(null);
            }
            if (f != null) {
                try {
                    f = f.renameColumns(r.replace()).withAddedRegressors(r.addControls())
                            .withAddedFixedEffects(r.addFixedEffects());
                } catch (ExpressionException e) {
                    throw invalid("Invalid formula", where + " add-controls / add-fixed-effects", e);
                }
                formulaUses(f, where + " formula");
            } else {
                r.replace().values().forEach(v -> number(v, where + " replace"));
                r.addControls().forEach(c -> expression(c, where + " add-controls").variables()
                        .forEach(v -> number(v, where + " add-controls")));
            }
            r.exclude().keySet().forEach(c -> text(c, where + " exclude"));
            if (r.vcov() != null) {
                r.vcov().cluster().forEach(c -> text(c, where + " cluster"));
            }
        }

        private void formulaUses(Formula f, String where) {
            Set<String> textAllowed = new LinkedHashSet<>();
            for (FixedEffectTerm fe : f.fixedEffects()) {
                textAllowed.addAll(fe.variables());
            }
            for (FormulaTerm t : f.regressors()) {
                if (t instanceof DummyTerm d) {
                    textAllowed.add(d.variable());
                    if (d.slope() != null) {
                        d.slope().variables().forEach(v -> number(v, where));
                    }
                }
            }
            for (String v : f.variables()) {
                if (textAllowed.contains(v)) {
                    text(v, where);
                } else {
                    number(v, where);
                }
            }
        }

        private void expressions(List<String> sources, String where) {
            for (String source : sources) {
                if (source != null) {
                    expression(source, where).variables().forEach(v -> number(v, where));
                }
            }
        }

        private void addName(String name) {
            if (name != null) {
                produced.add(name);
            }
        }

        private void number(String column, String where) {
            if (column != null && !produced.contains(column)) {
                uses.add(new ColumnUse(column, true, where));
            }
        }

        private void text(String column, String where) {
            if (column != null && !produced.contains(column)) {
                uses.add(new ColumnUse(column, false, where));
            }
        }

        private Expression expression(String source, String where) {
            try {
                return Expression.parse(source);
            } catch (ExpressionException e) {
                throw invalid("Invalid expression", where, e);
            }
        }

        private Formula formula(String source, String where) {
            try {
                return Formula.parse(source);
            } catch (ExpressionException e) {
                throw invalid("Invalid formula", where, e);
            }
        }

        private static UploadProblem invalid(String title, String where, ExpressionException e) {
            return new UploadProblem(title, "the spec's " + where + " cannot be read: " + e.getMessage(), null, null,
                    e.token());
        }
    }
}
