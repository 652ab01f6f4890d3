package io.panelflow.estimation.study;

import io.panelflow.estimation.engine.Estimate;
import io.panelflow.estimation.engine.VcovRequest;
import io.panelflow.estimation.formula.ModelFrame;
import io.panelflow.model.result.Coefficient;
import io.panelflow.model.result.DroppedRows;
import io.panelflow.model.result.FixedEffectInfo;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.result.VcovInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps an engine {@link Estimate} with its {@link ModelFrame} to the shared {@link ModelResult}: coefficient
 * rows (estimate, standard error, t statistic, p-value, 95% interval from t with the model's residual df),
 * observations, rows dropped for missing values and as singletons, fixed effects with their levels, the
 * variance estimator with cluster counts and its small-sample rule in words, R², adjusted R², within R²,
 * RMSE = √(RSS/N), and diagnostics: the engine's (first stages, weak-instrument statistics, σ, K) plus the
 * joint Wald F of all slopes, adjusted within R², RSS, TSS and K_full.
 */
public final class ResultMapper {
    private ResultMapper() {
    }

    public static ModelResult map(String id, String group, String title, ModelFrame frame, Estimate e,
                                  Map<String, Object> extraDiagnostics, List<String> extraNotes) {
        List<Coefficient> coefficients = new ArrayList<>();
        for (int j = 0; j < e.terms().length; j++) {
            coefficients.add(new Coefficient(e.terms()[j], e.coefficients()[j], e.stdErrors()[j], e.statistics()[j],
                    e.pValues()[j], e.confLow()[j], e.confHigh()[j]));
        }
        List<FixedEffectInfo> fixedEffects = new ArrayList<>();
        String[] feNames = frame.design().fixedEffectNames();
        for (int k = 0; feNames != null && k < feNames.length; k++) {
            fixedEffects.add(new FixedEffectInfo(feNames[k], e.fixedEffectLevels()[k]));
        }
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        e.diagnostics().forEach((k, v) -> {
            if (!(v instanceof Double d) || Double.isFinite(d)) {
                diagnostics.put(k, v);
            }
        });
        if (Double.isFinite(e.fStat())) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("statistic", e.fStat());
            f.put("df1", e.fDf1());
            f.put("df2", e.fDf2());
            f.put("pValue", e.fPValue());
            f.put("test", "Wald test that all slopes are zero, with the model's vcov");
            diagnostics.put("fTest", f);
        } else if (diagnostics.remove("fTestUnavailable") instanceof String reason) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("unavailable", reason);
            f.put("test", "Wald test that all slopes are zero, with the model's vcov");
            diagnostics.put("fTest", f);
        }
        putFinite(diagnostics, "adjR2Within", e.adjR2Within());
        putFinite(diagnostics, "rss", e.rss());
        putFinite(diagnostics, "tss", e.tss());
        putFinite(diagnostics, "tssWithin", e.tssWithin());
        diagnostics.put("kFull", e.kFull());
        diagnostics.put("dfResidual", e.dfResidual());
        if (extraDiagnostics != null) {
            diagnostics.putAll(extraDiagnostics);
        }
        List<String> notes = new ArrayList<>(frame.notes());
        if (frame.droppedMissing() > 0) {
            notes.add(frame.droppedMissing() + " observation(s) removed because of missing or non-finite values.");
        }
        notes.addAll(e.notes());
        if (extraNotes != null) {
            notes.addAll(extraNotes);
        }
        return new ModelResult(id, group, title, frame.formula().text(), frame.formula().dependent().text(), e.nobs(),
                new DroppedRows(frame.droppedMissing(), e.singletonsDropped()), fixedEffects, vcovInfo(frame.vcov(), e),
                coefficients, finite(e.r2()), finite(e.adjR2()), finite(e.r2Within()), finite(e.rmse()), diagnostics, notes);
    }

    /** The variance estimator as used, with the small-sample rule in words. */
    public static VcovInfo vcovInfo(VcovRequest v, Estimate e) {
        int dofK = e.diagnostics().get("dofK") instanceof Number n ? n.intValue() : e.kFull();
        String fixefK = v.fixefK() == null ? "nested" : v.fixefK().name().toLowerCase().replace('_', '-');
        return switch (v.type()) {
            case IID -> new VcovInfo("iid", List.of(), List.of(), null,
                    "V = RSS/(N-K) (X'X)^-1 with K = " + dofK + " (slopes and fixed-effect parameters); t tests with N-K = "
                            + e.dfResidual() + " df");
            case HETERO -> new VcovInfo("hetero", List.of(), List.of(), null,
                    "HC1: N/(N-K) times HC0 with K = " + dofK + " (slopes and fixed-effect parameters); t tests with N-K = "
                            + e.dfResidual() + " df");
            case CLUSTER -> new VcovInfo("cluster", Arrays.asList(v.clusterNames()),
                    Arrays.stream(e.clusterCounts()).boxed().toList(), null,
                    "G/(G-1) * (N-1)/(N-K) with K = " + dofK + " (fixef.K = " + fixefK
                            + (fixefK.equals("nested") ? ": fixed effects nested in a cluster variable are not counted" : "")
                            + "); t tests with G-1 = " + e.dfResidual() + " df");
            case DRISCOLL_KRAAY -> {
                Integer lag = e.diagnostics().get("driscollKraayLag") instanceof Number n ? n.intValue() : null;
                yield new VcovInfo("driscoll-kraay", List.of(), List.of(), lag,
                        "Driscoll-Kraay: Newey-West (Bartlett kernel, lag " + lag + ") on the per-period score sums,"
                                + " times (N-1)/(N-K) with K = " + dofK + "; t tests with " + e.dfResidual() + " df");
            }
        };
    }

    private static void putFinite(Map<String, Object> map, String key, double value) {
        if (Double.isFinite(value)) {
            map.put(key, value);
        }
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
