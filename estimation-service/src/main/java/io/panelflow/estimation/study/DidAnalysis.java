package io.panelflow.estimation.study;

import io.panelflow.estimation.did.AggregateEstimate;
import io.panelflow.estimation.did.BaconComparison;
import io.panelflow.estimation.did.BaconDecomposition;
import io.panelflow.estimation.did.CohortPeriodEstimate;
import io.panelflow.estimation.did.ControlGroup;
import io.panelflow.estimation.did.GroupTimeAtt;
import io.panelflow.estimation.did.PlaceboPermutation;
import io.panelflow.estimation.did.PlaceboResult;
import io.panelflow.estimation.did.CallawaySantAnna;
import io.panelflow.estimation.did.CallawaySantAnnaResult;
import io.panelflow.estimation.did.DidException;
import io.panelflow.estimation.did.DynamicAggregation;
import io.panelflow.estimation.did.EventTimeEstimate;
import io.panelflow.estimation.did.PreTrendTest;
import io.panelflow.estimation.did.StaggeredPanel;
import io.panelflow.estimation.did.SunAbraham;
import io.panelflow.estimation.did.SunAbrahamResult;
import io.panelflow.estimation.did.TwfeEventStudy;
import io.panelflow.estimation.engine.FixefK;
import io.panelflow.estimation.formula.ModelFrameBuilder;
import io.panelflow.frame.PanelFrame;
import io.panelflow.model.result.Coefficient;
import io.panelflow.model.result.DroppedRows;
import io.panelflow.model.result.FixedEffectInfo;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.result.VcovInfo;
import io.panelflow.model.spec.DidSpec;
import io.panelflow.model.spec.ModelSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A staggered difference-in-differences section of the spec: one result per method, {@code did/<id>/<method>},
 * group {@code did}.
 *
 * <ul>
 *   <li>{@code twfe}: {@code y ~ treat_post + controls | unit + time} (treat_post = 1 from the adoption year on);</li>
 *   <li>{@code event-study}: {@code y ~ i(rel_time, ref = c(-1, -1000)) + controls | unit + time}, terms
 *       {@code rel_time::k};</li>
 *   <li>{@code sun-abraham}: the interaction-weighted estimator with the controls as regressors, {@code ATT},
 *       the event-time aggregates {@code rel_time::k} and the controls' coefficients (clustered by unit, t(G−1));
 *       every cohort × relative-period coefficient in {@code diagnostics.cohortPeriod};</li>
 *   <li>{@code callaway-santanna}: the group-time effects (never-treated or not-yet-treated controls, the controls
 *       as covariates of the doubly robust estimator), the simple aggregate {@code ATT} and the dynamic aggregates
 *       {@code rel_time::k} (normal inference), every ATT(g, t) in {@code diagnostics.attGt}, the Wald pre-trend
 *       test in the diagnostics; balanced panel.</li>
 * </ul>
 * On the {@code twfe} result: {@code diagnostics.bacon}, the Goodman-Bacon decomposition (balanced panel without
 * controls; otherwise a note says why not), and with {@code placebo} in the spec {@code diagnostics.placebo},
 * the permutation placebo test.
 *
 * The adoption column holds each unit's first treated year; missing, ≤ 0 or after the panel's last year
 * means never treated. A method that fails is reported in the study notes; the other methods still run.
 */
final class DidAnalysis {
    static final String GROUP = "did";

    private DidAnalysis() {
    }

    static List<ModelResult> run(PanelFrame panel, DidSpec spec, Consumer<String> failures) {
        PanelFrame frame = withNeverTreatedAsZero(panel, spec.adoption());
        List<ModelResult> out = new ArrayList<>();
        for (String method : spec.methods()) {
            String id = "did/" + spec.id() + "/" + method;
            try {
                out.add(switch (method) {
                    case "twfe" -> withTwfeChecks(regression(frame, spec, id, "TWFE", TwfeEventStudy.TREAT_POST),
                            frame, spec);
                    case "event-study" -> regression(frame, spec, id, "Event study",
                            "i(" + TwfeEventStudy.REL_TIME + ", ref = c(-1, " + TwfeEventStudy.NEVER_TREATED_CODE + "))");
                    case "sun-abraham" -> sunAbraham(frame, spec, id);
                    case "callaway-santanna" -> callawaySantAnna(frame, spec, id);
                    default -> throw new IllegalArgumentException("unknown method '" + method + "'");
                });
            } catch (RuntimeException e) {
                failures.accept(id + " could not be estimated: " + e.getMessage());
            }
        }
        if (spec.placebo() != null && !spec.methods().contains("twfe")) {
            failures.accept("did/" + spec.id() + ": the placebo test permutes the TWFE estimate; add 'twfe' to the methods");
        }
        return out;
    }

    /** The TWFE result with the Goodman-Bacon decomposition and, when asked for, the placebo test. */
    private static ModelResult withTwfeChecks(ModelResult twfe, PanelFrame frame, DidSpec spec) {
        Map<String, Object> diagnostics = new LinkedHashMap<>(twfe.diagnostics());
        List<String> notes = new ArrayList<>(twfe.notes());
        StaggeredPanel p = StaggeredPanel.of(frame, spec.outcome(), spec.adoption(), spec.controls());
        try {
            diagnostics.put("bacon", bacon(BaconDecomposition.of(p)));
        } catch (DidException e) {
            notes.add("No Goodman-Bacon decomposition: " + e.getMessage() + ".");
        }
        if (spec.placebo() != null) {
            PlaceboResult r;
            try {
                r = PlaceboPermutation.run(p, spec.placebo().permutations(), spec.placebo().seed());
            } catch (DidException e) {
                notes.add("No placebo test: " + e.getMessage() + ".");
                r = null;
            }
            if (r != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("test", "adoption years permuted at random across units; two-sided p = share of permutations with"
                    + " |placebo estimate| >= |estimate|");
            m.put("permutations", r.permutations());
            m.put("seed", r.seed());
            m.put("estimate", r.estimate());
            m.put("pValue", r.pValue());
            m.put("mean", r.mean());
            if (Double.isFinite(r.sd())) {
                m.put("sd", r.sd());
            }
            m.put("estimates", java.util.Arrays.stream(r.placebo()).boxed().toList());
            diagnostics.put("placebo", m);
            }
        }
        return new ModelResult(twfe.id(), twfe.group(), twfe.title(), twfe.formula(), twfe.dependent(), twfe.nobs(),
                twfe.dropped(), twfe.fixedEffects(), twfe.vcov(), twfe.coefficients(), twfe.r2(), twfe.adjR2(),
                twfe.r2Within(), twfe.rmse(), diagnostics, notes);
    }

    private static Map<String, Object> bacon(BaconDecomposition b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("twfe", b.twfe());
        m.put("weightSum", b.weightSum());
        m.put("weightedSum", b.weightedSum());
        List<Map<String, Object>> byType = new ArrayList<>();
        b.byType().forEach((type, v) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("type", type);
            row.put("weight", v[0]);
            row.put("estimate", v[1]);
            byType.add(row);
        });
        m.put("byType", byType);
        List<Map<String, Object>> comparisons = new ArrayList<>();
        for (BaconComparison c : b.comparisons()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("type", c.type());
            row.put("treated", c.treated());
            row.put("control", c.control());
            row.put("estimate", c.estimate());
            row.put("weight", c.weight());
            comparisons.add(row);
        }
        m.put("comparisons", comparisons);
        return m;
    }

    /** Missing adoption years become 0 (never treated, the convention of {@link StaggeredPanel}). */
    static PanelFrame withNeverTreatedAsZero(PanelFrame panel, String adoption) {
        if (!panel.has(adoption)) {
            throw new DidException("the adoption column '" + adoption + "' is not in the panel");
        }
        double[] a = panel.numeric(adoption).clone();
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i])) {
                a[i] = 0;
            }
        }
        return panel.withNumeric(adoption, a);
    }

    private static ModelResult regression(PanelFrame frame, DidSpec spec, String id, String title, String treatment) {
        PanelFrame f = TwfeEventStudy.withEventColumns(frame, spec.outcome(), spec.adoption());
        StringBuilder formula = new StringBuilder(spec.outcome()).append(" ~ ").append(treatment);
        spec.controls().forEach(c -> formula.append(" + ").append(c));
        formula.append(" | ").append(f.unitColumn()).append(" + ").append(f.timeColumn());
        ModelContext ctx = ModelContext.of(new ModelSpec(id, title, formula.toString(), spec.vcov(), false, null, null, null));
        FittedModel fit = ModelFitting.fit(new ModelFrameBuilder(f), ctx, null);
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        diagnostics.put("method", title);
        diagnostics.put("adoption", spec.adoption());
        List<String> notes = new ArrayList<>();
        notes.add("Treatment from the adoption year in '" + spec.adoption() + "' on; never-treated units are the controls.");
        if (treatment.startsWith("i(")) {
            notes.add("Relative period -1 is the omitted reference; never-treated units have every relative-period dummy 0.");
        }
        return ResultMapper.map(id, GROUP, title, fit.frame(), fit.estimate(), diagnostics, notes);
    }

    private static ModelResult sunAbraham(PanelFrame frame, DidSpec spec, String id) {
        StaggeredPanel p = StaggeredPanel.of(frame, spec.outcome(), spec.adoption(), spec.controls());
        SunAbrahamResult r = SunAbraham.estimate(p, FixefK.NESTED);
        List<Coefficient> coefficients = new ArrayList<>();
        coefficients.add(coefficient("ATT", r.att()));
        r.eventTimes().forEach(e -> coefficients.add(coefficient(e)));
        var e = r.estimate();
        for (String c : p.covariateNames()) {
            int j = e.indexOf(c);
            if (j >= 0) {
                coefficients.add(new Coefficient(c, e.coefficients()[j], e.stdErrors()[j], e.statistics()[j],
                        e.pValues()[j], e.confLow()[j], e.confHigh()[j]));
            }
        }
        List<Map<String, Object>> cells = new ArrayList<>();
        for (CohortPeriodEstimate c : r.cohortPeriod()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("cohort", c.cohort());
            row.put("relTime", c.eventTime());
            row.put("estimate", c.estimate());
            row.put("stdError", c.stdError());
            row.put("statistic", c.statistic());
            row.put("pValue", c.pValue());
            row.put("confLow", c.confLow());
            row.put("confHigh", c.confHigh());
            row.put("observations", c.observations());
            cells.add(row);
        }
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        diagnostics.put("method", "Sun-Abraham");
        diagnostics.put("adoption", spec.adoption());
        diagnostics.put("cells", r.cohortPeriod().size());
        diagnostics.put("cohorts", p.cohorts().length);
        diagnostics.put("cohortPeriod", cells);
        List<String> notes = new ArrayList<>(e.notes());
        notes.add("Sun-Abraham interaction-weighted estimator (fixest sunab, reference period -1): ATT and event-time "
                + "effects are cell-size weighted averages of the cohort x relative-period coefficients"
                + (p.covariateNames().isEmpty() ? "." : "; the controls enter the interacted regression."));
        if (p.droppedMissing() > 0) {
            notes.add(p.droppedMissing() + " observation(s) removed because of missing or non-finite values.");
        }
        int clusters = e.clusterCounts() != null && e.clusterCounts().length > 0 ? e.clusterCounts()[0] : p.unitCount();
        return new ModelResult(id, GROUP, "Sun-Abraham", spec.outcome() + " ~ sunab(" + spec.adoption() + ", "
                + frame.timeColumn() + ")" + controlTerms(p) + " | " + frame.unitColumn() + " + " + frame.timeColumn(), spec.outcome(), e.nobs(),
                new DroppedRows(p.droppedMissing(), e.singletonsDropped()),
                List.of(new FixedEffectInfo(frame.unitColumn(), p.unitCount()),
                        new FixedEffectInfo(frame.timeColumn(), p.periods().length)),
                new VcovInfo("cluster", List.of(frame.unitColumn()), List.of(clusters), null,
                        "G/(G-1) * (N-1)/(N-K), unit effects nested in the cluster not counted; t tests with G-1 df"),
                coefficients, finite(e.r2()), finite(e.adjR2()), finite(e.r2Within()), finite(e.rmse()), diagnostics, notes);
    }

    private static ModelResult callawaySantAnna(PanelFrame frame, DidSpec spec, String id) {
        StaggeredPanel p = StaggeredPanel.of(frame, spec.outcome(), spec.adoption(), spec.controls());
        ControlGroup control = ControlGroup.of(spec.controlGroup());
        CallawaySantAnnaResult r = CallawaySantAnna.estimate(p, control);
        DynamicAggregation dynamic = r.dynamic();
        List<Coefficient> coefficients = new ArrayList<>();
        coefficients.add(coefficient("ATT", r.simple()));
        dynamic.eventTimes().forEach(e -> coefficients.add(coefficient(e)));
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        diagnostics.put("method", "Callaway-Sant'Anna");
        diagnostics.put("adoption", spec.adoption());
        diagnostics.put("cohorts", r.groups().length);
        diagnostics.put("neverTreatedUnits", r.neverTreated());
        diagnostics.put("controlGroup", control.specName());
        diagnostics.put("covariates", r.covariates());
        diagnostics.put("groupTimeCells", r.attGt().size());
        List<Map<String, Object>> cells = new ArrayList<>();
        for (GroupTimeAtt c : r.attGt()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("group", c.group());
            row.put("time", c.time());
            row.put("basePeriod", c.basePeriod());
            row.put("post", c.post());
            row.put("att", c.att());
            row.put("stdError", c.stdError());
            row.put("statistic", c.statistic());
            row.put("pValue", c.pValue());
            row.put("confLow", c.confLow());
            row.put("confHigh", c.confHigh());
            row.put("controlUnits", c.controlUnits());
            cells.add(row);
        }
        diagnostics.put("attGt", cells);
        diagnostics.put("dynamicOverall", Map.of("estimate", dynamic.overall().estimate(),
                "stdError", dynamic.overall().stdError(), "pValue", dynamic.overall().pValue()));
        List<String> notes = new ArrayList<>();
        notes.add("Callaway-Sant'Anna group-time effects (" + control.specName().replace('-', ' ') + " controls, "
                + "varying base period, no anticipation, doubly robust"
                + (r.covariates().isEmpty() ? "" : " with the covariates " + r.covariates() + " of the earlier period")
                + "); ATT is the simple aggregate, rel_time::k the dynamic aggregates; normal inference from the "
                + "influence function, clustered by unit.");
        try {
            PreTrendTest pre = r.preTrendTest();
            diagnostics.put("preTrendWald", Map.of("statistic", pre.statistic(), "df", pre.df(), "pValue", pre.pValue(),
                    "test", "Wald test that every pre-treatment ATT(g, t) is zero"));
        } catch (DidException e) {
            notes.add("No pre-trend test: " + e.getMessage());
        }
        if (p.droppedMissing() > 0) {
            notes.add(p.droppedMissing() + " observation(s) removed because of missing or non-finite values.");
        }
        return new ModelResult(id, GROUP, "Callaway-Sant'Anna", spec.outcome() + " ~ att_gt(" + spec.adoption() + ")"
                + controlTerms(p),
                spec.outcome(), p.rows(), new DroppedRows(p.droppedMissing(), 0), List.of(),
                new VcovInfo("cluster", List.of(frame.unitColumn()), List.of(r.units()), null,
                        "influence-function standard errors sqrt(sum psi^2)/n, no small-sample factor; normal quantiles"),
                coefficients, null, null, null, null, diagnostics, notes);
    }

    private static String controlTerms(StaggeredPanel p) {
        return p.covariateNames().stream().map(c -> " + " + c).reduce("", String::concat);
    }

    private static Coefficient coefficient(String term, AggregateEstimate a) {
        return new Coefficient(term, a.estimate(), a.stdError(), a.statistic(), a.pValue(), a.confLow(), a.confHigh());
    }

    private static Coefficient coefficient(EventTimeEstimate e) {
        return new Coefficient(TwfeEventStudy.REL_TIME + "::" + e.eventTime(), e.estimate(), e.stdError(),
                e.statistic(), e.pValue(), e.confLow(), e.confHigh());
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
