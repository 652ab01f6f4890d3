package io.panelflow.estimation.study;

import io.panelflow.estimation.engine.Estimate;
import io.panelflow.estimation.threshold.LikelihoodRatioSet;
import io.panelflow.estimation.threshold.PanelThresholdRegression;
import io.panelflow.estimation.threshold.ThresholdBootstrap;
import io.panelflow.estimation.threshold.ThresholdBootstrapResult;
import io.panelflow.estimation.threshold.ThresholdCandidates;
import io.panelflow.estimation.threshold.ThresholdDesign;
import io.panelflow.estimation.threshold.ThresholdEstimate;
import io.panelflow.estimation.threshold.ThresholdException;
import io.panelflow.estimation.threshold.ThresholdSearch;
import io.panelflow.frame.PanelFrame;
import io.panelflow.model.result.Coefficient;
import io.panelflow.model.result.DroppedRows;
import io.panelflow.model.result.FixedEffectInfo;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.result.VcovInfo;
import io.panelflow.model.spec.ThresholdSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A threshold section of the spec: Hansen's (1999) single-threshold fixed-effects model, result
 * {@code threshold/<id>}, group {@code threshold}. Coefficients {@code <regime>_low} (q ≤ γ̂) and
 * {@code <regime>_high} (q &gt; γ̂) and the controls, from the within regression at γ̂ with unit-clustered
 * standard errors (fixest's factor, t(G−1)). Diagnostics: γ̂, F1, the bootstrap p-value of the test of no
 * threshold (fixed-regressor bootstrap, seeded), the likelihood-ratio confidence set of γ, the regime sizes
 * and Hansen's standard errors. The bootstrap needs a balanced panel; when it fails the estimate is kept and the
 * reason noted.
 */
final class ThresholdAnalysis {
    static final String GROUP = "threshold";

    private ThresholdAnalysis() {
    }

    static ModelResult run(PanelFrame panel, ThresholdSpec spec) {
        List<String> expressions = new ArrayList<>(List.of(spec.outcome(), spec.threshold(), spec.regime()));
        expressions.addAll(spec.controls());
        AnalysisColumns c = AnalysisColumns.of(panel, expressions);
        if (c.rows() == 0) {
            throw new ThresholdException("no row has every variable of the model");
        }
        int k = spec.controls().size();
        double[][] common = new double[k][];
        String[] commonNames = new String[k];
        for (int j = 0; j < k; j++) {
            common[j] = c.columns()[3 + j];
            commonNames[j] = c.names().get(3 + j);
        }
        String regime = c.names().get(2);
        ThresholdDesign design = new ThresholdDesign(c.columns()[0], c.names().get(0), c.columns()[1],
                c.columns()[2], regime, common, commonNames, c.unit(), c.time());
        ThresholdSearch search = ThresholdSearch.of(design, ThresholdCandidates.trimmed(design.q(), spec.trim()));
        ThresholdEstimate est = PanelThresholdRegression.fit(search, spec.level());

        List<String> notes = new ArrayList<>();
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        diagnostics.put("thresholdVariable", c.names().get(1));
        diagnostics.put("gamma", est.gammaHat());
        diagnostics.put("f1", est.f1());
        if (spec.bootstrap() > 0) {
            try {
                ThresholdBootstrapResult b = ThresholdBootstrap.run(search, est, spec.bootstrap(), spec.seed());
                diagnostics.put("bootstrapPValue", b.pValue());
                diagnostics.put("bootstrapReplications", b.replications());
                diagnostics.put("bootstrapSeed", spec.seed());
            } catch (ThresholdException e) {
                notes.add("No bootstrap test of the threshold: " + e.getMessage());
            }
        }
        LikelihoodRatioSet lr = est.confidenceSet();
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("level", lr.level());
        set.put("criticalValue", lr.criticalValue());
        set.put("lower", lr.lower());
        set.put("upper", lr.upper());
        set.put("candidatesInSet", lr.size());
        set.put("contiguous", lr.contiguous());
        diagnostics.put("lrConfidenceSet", set);
        diagnostics.put("nLow", est.nLow());
        diagnostics.put("nHigh", est.nHigh());
        diagnostics.put("trim", spec.trim());
        diagnostics.put("candidates", est.candidates().size());
        diagnostics.put("s0", est.s0());
        diagnostics.put("s1", est.s1());
        Estimate e = est.clustered();
        Map<String, Object> hansen = new LinkedHashMap<>();
        for (int j = 0; j < est.iid().terms().length; j++) {
            hansen.put(est.iid().terms()[j], est.seHansen()[j]);
        }
        diagnostics.put("seHansen", hansen);

        List<Coefficient> coefficients = new ArrayList<>();
        for (int j = 0; j < e.terms().length; j++) {
            coefficients.add(new Coefficient(e.terms()[j], e.coefficients()[j], e.stdErrors()[j], e.statistics()[j],
                    e.pValues()[j], e.confLow()[j], e.confHigh()[j]));
        }
        notes.add(String.format(java.util.Locale.ROOT,
                "Single threshold in %s at gamma = %.4f (%d observations at or below, %d above); %s_low and %s_high are "
                        + "the effects of %s in the two regimes. The threshold is estimated: its significance is the "
                        + "bootstrap p-value of F1, not a t test.",
                c.names().get(1), est.gammaHat(), est.nLow(), est.nHigh(), regime, regime, regime));
        if (c.dropped() > 0) {
            notes.add(c.dropped() + " observation(s) removed because of missing or non-finite values.");
        }
        notes.addAll(e.notes());
        StringBuilder formula = new StringBuilder(c.names().get(0)).append(" ~ ").append(regime).append(" x 1(")
                .append(c.names().get(1)).append(" <= gamma) + ").append(regime).append(" x 1(")
                .append(c.names().get(1)).append(" > gamma)");
        for (String n : commonNames) {
            formula.append(" + ").append(n);
        }
        formula.append(" | ").append(panel.unitColumn());
        int clusters = e.clusterCounts() != null && e.clusterCounts().length > 0 ? e.clusterCounts()[0] : c.units();
        return new ModelResult("threshold/" + spec.id(), GROUP, spec.id(), formula.toString(), c.names().get(0),
                e.nobs(), new DroppedRows(c.dropped(), e.singletonsDropped()),
                List.of(new FixedEffectInfo(panel.unitColumn(), c.units())),
                new VcovInfo("cluster", List.of(panel.unitColumn()), List.of(clusters), null,
                        "G/(G-1) * (N-1)/(N-K), K = slopes + 1 (unit effects nested in the clusters); t tests with G-1 df"),
                coefficients, finite(e.r2()), finite(e.adjR2()), finite(e.r2Within()), finite(e.rmse()),
                diagnostics, notes);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
