package io.panelflow.estimation.study;

import io.panelflow.estimation.did.AggregateEstimate;
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
 *   <li>{@code sun-abraham}: the interaction-weighted estimator, {@code ATT} and the event-time aggregates
 *       {@code rel_time::k} (clustered by unit, t(G−1)); no covariates;</li>
 *   <li>{@code callaway-santanna}: the group-time effects with never-treated controls, the simple aggregate
 *       {@code ATT} and the dynamic aggregates {@code rel_time::k} (normal inference), the Wald pre-trend test
 *       in the diagnostics; no covariates, balanced panel.</li>
 * </ul>
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
                    case "twfe" -> regression(frame, spec, id, "TWFE", TwfeEventStudy.TREAT_POST);
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
        return out;
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
        StaggeredPanel p = StaggeredPanel.of(frame, spec.outcome(), spec.adoption());
        SunAbrahamResult r = SunAbraham.estimate(p, FixefK.NESTED);
        List<Coefficient> coefficients = new ArrayList<>();
        coefficients.add(coefficient("ATT", r.att()));
        r.eventTimes().forEach(e -> coefficients.add(coefficient(e)));
        var e = r.estimate();
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        diagnostics.put("method", "Sun-Abraham");
        diagnostics.put("adoption", spec.adoption());
        diagnostics.put("cells", r.cohortPeriod().size());
        diagnostics.put("cohorts", p.cohorts().length);
        List<String> notes = new ArrayList<>(e.notes());
        notes.add("Sun-Abraham interaction-weighted estimator (fixest sunab, reference period -1): ATT and event-time "
                + "effects are cell-size weighted averages of the cohort x relative-period coefficients.");
        notes.addAll(noControls(spec));
        int clusters = e.clusterCounts() != null && e.clusterCounts().length > 0 ? e.clusterCounts()[0] : p.unitCount();
        return new ModelResult(id, GROUP, "Sun-Abraham", spec.outcome() + " ~ sunab(" + spec.adoption() + ", "
                + frame.timeColumn() + ") | " + frame.unitColumn() + " + " + frame.timeColumn(), spec.outcome(), e.nobs(),
                new DroppedRows(p.droppedMissing(), e.singletonsDropped()),
                List.of(new FixedEffectInfo(frame.unitColumn(), p.unitCount()),
                        new FixedEffectInfo(frame.timeColumn(), p.periods().length)),
                new VcovInfo("cluster", List.of(frame.unitColumn()), List.of(clusters), null,
                        "G/(G-1) * (N-1)/(N-K), unit effects nested in the cluster not counted; t tests with G-1 df"),
                coefficients, finite(e.r2()), finite(e.adjR2()), finite(e.r2Within()), finite(e.rmse()), diagnostics, notes);
    }

    private static ModelResult callawaySantAnna(PanelFrame frame, DidSpec spec, String id) {
        StaggeredPanel p = StaggeredPanel.of(frame, spec.outcome(), spec.adoption());
        CallawaySantAnnaResult r = CallawaySantAnna.estimate(p);
        DynamicAggregation dynamic = r.dynamic();
        List<Coefficient> coefficients = new ArrayList<>();
        coefficients.add(coefficient("ATT", r.simple()));
        dynamic.eventTimes().forEach(e -> coefficients.add(coefficient(e)));
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        diagnostics.put("method", "Callaway-Sant'Anna");
        diagnostics.put("adoption", spec.adoption());
        diagnostics.put("cohorts", r.groups().length);
        diagnostics.put("neverTreatedUnits", r.neverTreated());
        diagnostics.put("groupTimeCells", r.attGt().size());
        diagnostics.put("dynamicOverall", Map.of("estimate", dynamic.overall().estimate(),
                "stdError", dynamic.overall().stdError(), "pValue", dynamic.overall().pValue()));
        List<String> notes = new ArrayList<>();
        notes.add("Callaway-Sant'Anna group-time effects (never-treated controls, varying base period, no anticipation); "
                + "ATT is the simple aggregate, rel_time::k the dynamic aggregates; normal inference from the "
                + "influence function, clustered by unit.");
        try {
            PreTrendTest pre = r.preTrendTest();
            diagnostics.put("preTrendWald", Map.of("statistic", pre.statistic(), "df", pre.df(), "pValue", pre.pValue(),
                    "test", "Wald test that every pre-treatment ATT(g, t) is zero"));
        } catch (DidException e) {
            notes.add("No pre-trend test: " + e.getMessage());
        }
        notes.addAll(noControls(spec));
        return new ModelResult(id, GROUP, "Callaway-Sant'Anna", spec.outcome() + " ~ att_gt(" + spec.adoption() + ")",
                spec.outcome(), p.rows(), new DroppedRows(p.droppedMissing(), 0), List.of(),
                new VcovInfo("cluster", List.of(frame.unitColumn()), List.of(r.units()), null,
                        "influence-function standard errors sqrt(sum psi^2)/n, no small-sample factor; normal quantiles"),
                coefficients, null, null, null, null, diagnostics, notes);
    }

    private static List<String> noControls(DidSpec spec) {
        return spec.controls().isEmpty() ? List.of()
                : List.of("Estimated without the controls " + spec.controls() + " (unconditional parallel trends).");
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
