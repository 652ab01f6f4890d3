package io.panelflow.estimation.study;

import io.panelflow.estimation.engine.Estimate;
import io.panelflow.estimation.threshold.LikelihoodRatioSet;
import io.panelflow.estimation.threshold.MultipleThresholdRegression;
import io.panelflow.estimation.threshold.SequentialThresholdBootstrap;
import io.panelflow.estimation.threshold.ThresholdStep;
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
 * A threshold section of the spec: Hansen's (1999) fixed-effects threshold model with one threshold (below) or,
 * with {@code thresholds: 2|3}, the sequential estimation and tests of {@link MultipleThresholdRegression}; result
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
        if (spec.thresholds() > 1) {
            return multiple(panel, spec, c, design);
        }
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
                diagnostics.put("tests", List.of(test("single vs none", est.gammaHat(), est.f1(), b, spec.seed())));
            } catch (ThresholdException e) {
                notes.add(noBootstrap(e));
            }
        }
        diagnostics.put("lrConfidenceSet", confidenceSet(est.confidenceSet()));
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

        notes.add(String.format(java.util.Locale.ROOT,
                "Single threshold in %s at gamma = %.4f (%d observations at or below, %d above); %s_low and %s_high are "
                        + "the effects of %s in the two regimes. The threshold is estimated: its significance is the "
                        + "bootstrap p-value of F1, not a t test.",
                c.names().get(1), est.gammaHat(), est.nLow(), est.nHigh(), regime, regime, regime));
        String regimes = c.names().get(0) + " ~ " + regime + " x 1(" + c.names().get(1) + " <= gamma) + " + regime
                + " x 1(" + c.names().get(1) + " > gamma)";
        return result(panel, spec, c, e, regimes, commonNames, diagnostics, notes);
    }

    /**
     * Two or three thresholds by {@link MultipleThresholdRegression}: the sequential tests with their bootstraps
     * (step k seeded with seed + k − 1), the final thresholds and the regime coefficients.
     */
    private static ModelResult multiple(PanelFrame panel, ThresholdSpec spec, AnalysisColumns c, ThresholdDesign design) {
        ThresholdCandidates candidates = ThresholdCandidates.trimmed(design.q(), spec.trim());
        MultipleThresholdRegression fit = MultipleThresholdRegression.fit(design, candidates, spec.thresholds(),
                spec.level());
        List<String> notes = new ArrayList<>();
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        diagnostics.put("thresholdVariable", c.names().get(1));
        diagnostics.put("thresholds", spec.thresholds());
        diagnostics.put("gammas", java.util.Arrays.stream(fit.gammas()).boxed().toList());
        ThresholdStep first = fit.steps().get(0);
        diagnostics.put("f1", first.f());
        List<Map<String, Object>> tests = new ArrayList<>();
        List<ThresholdBootstrapResult> boots = new ArrayList<>();
        if (spec.bootstrap() > 0) {
            try {
                ThresholdEstimate single = PanelThresholdRegression.fit(first.search(), spec.level());
                boots.add(ThresholdBootstrap.run(first.search(), single, spec.bootstrap(), spec.seed()));
                for (int k = 2; k <= spec.thresholds(); k++) {
                    boots.add(SequentialThresholdBootstrap.run(fit, k, spec.bootstrap(), spec.seed() + k - 1));
                }
            } catch (ThresholdException e) {
                notes.add(noBootstrap(e));
                boots.clear();
            }
        }
        for (int k = 0; k < fit.steps().size(); k++) {
            ThresholdStep step = fit.steps().get(k);
            if (boots.isEmpty()) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("test", step.label());
                t.put("gamma", step.gamma());
                t.put("f", step.f());
                tests.add(t);
            } else {
                tests.add(test(step.label(), step.gamma(), step.f(), boots.get(k), spec.seed() + k));
            }
        }
        if (!boots.isEmpty()) {
            diagnostics.put("bootstrapPValue", boots.get(0).pValue());
            diagnostics.put("bootstrapReplications", boots.get(0).replications());
            diagnostics.put("bootstrapSeed", spec.seed());
        }
        diagnostics.put("tests", tests);
        List<Map<String, Object>> sets = new ArrayList<>();
        for (int j = 0; j < fit.sets().size(); j++) {
            LikelihoodRatioSet lr = fit.sets().get(j);
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("gamma", fit.gammas()[j]);
            set.putAll(confidenceSet(lr));
            sets.add(set);
        }
        diagnostics.put("lrConfidenceSets", sets);
        Map<String, Object> sizes = new LinkedHashMap<>();
        for (int j = 0; j < fit.regimeNames().length; j++) {
            sizes.put(fit.regimeNames()[j], fit.regimeSizes()[j]);
        }
        diagnostics.put("regimeSizes", sizes);
        diagnostics.put("trim", spec.trim());
        diagnostics.put("candidates", candidates.size());
        Estimate e = fit.clustered();
        String regime = c.names().get(2);
        StringBuilder at = new StringBuilder();
        for (double g : fit.gammas()) {
            at.append(at.length() == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.4f", g));
        }
        notes.add(String.format(java.util.Locale.ROOT, "%d thresholds in %s at gamma = %s (Hansen's sequential "
                        + "estimation with the refinement of the first threshold, as xthreg); %s are the effects of %s "
                        + "in the regimes, lowest first. Each step's significance is its bootstrap p-value (single vs "
                        + "none, double vs single%s), not a t test.", spec.thresholds(), c.names().get(1), at,
                String.join(", ", fit.regimeNames()), regime, spec.thresholds() == 3 ? ", triple vs double" : ""));
        String regimes = c.names().get(0) + " ~ " + regime + " x regime(" + c.names().get(1) + "; " + spec.thresholds()
                + " thresholds)";
        return result(panel, spec, c, e, regimes, design.commonNames(), diagnostics, notes);
    }

    /**
     * The model result of a threshold fit, single or multiple: the coefficients of its unit-clustered estimate,
     * the formula {@code regimes + controls | unit}, and after the fit's own notes the dropped rows' note and the
     * estimate's notes.
     */
    private static ModelResult result(PanelFrame panel, ThresholdSpec spec, AnalysisColumns c, Estimate e,
                                      String regimes, String[] commonNames, Map<String, Object> diagnostics,
                                      List<String> notes) {
        List<Coefficient> coefficients = new ArrayList<>();
        for (int j = 0; j < e.terms().length; j++) {
            coefficients.add(new Coefficient(e.terms()[j], e.coefficients()[j], e.stdErrors()[j], e.statistics()[j],
                    e.pValues()[j], e.confLow()[j], e.confHigh()[j]));
        }
        if (c.dropped() > 0) {
            notes.add(c.dropped() + " observation(s) removed because of missing or non-finite values.");
        }
        notes.addAll(e.notes());
        StringBuilder formula = new StringBuilder(regimes);
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

    /** A likelihood-ratio confidence set of a threshold as reported. */
    private static Map<String, Object> confidenceSet(LikelihoodRatioSet lr) {
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("level", lr.level());
        set.put("criticalValue", lr.criticalValue());
        set.put("lower", lr.lower());
        set.put("upper", lr.upper());
        set.put("candidatesInSet", lr.size());
        set.put("contiguous", lr.contiguous());
        return set;
    }

    /** One step's test as reported: statistic, bootstrap p-value and the 10%, 5%, 1% bootstrap critical values. */
    private static Map<String, Object> test(String label, double gamma, double f, ThresholdBootstrapResult b, long seed) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("test", label);
        t.put("gamma", gamma);
        t.put("f", f);
        t.put("pValue", b.pValue());
        t.put("replications", b.replications());
        t.put("seed", seed);
        t.put("crit10", b.criticalValue(0.10));
        t.put("crit5", b.criticalValue(0.05));
        t.put("crit1", b.criticalValue(0.01));
        return t;
    }

    private static String noBootstrap(ThresholdException e) {
        return "No bootstrap p-values for the threshold tests: " + e.getMessage() + ". The thresholds, F statistics "
                + "and coefficients are estimated on the unbalanced panel as it is; the fixed-regressor bootstrap "
                + "resamples whole unit residual vectors and needs every unit observed in the same number of periods.";
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
