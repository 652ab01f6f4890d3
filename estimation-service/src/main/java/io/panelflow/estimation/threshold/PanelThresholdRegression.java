package io.panelflow.estimation.threshold;

import io.panelflow.estimation.engine.Design;
import io.panelflow.estimation.engine.Estimate;
import io.panelflow.estimation.engine.EstimationOptions;
import io.panelflow.estimation.engine.FixedEffectsRegression;
import io.panelflow.estimation.engine.VcovRequest;

/**
 * Hansen's (1999) single-threshold fixed-effects panel regression
 * <pre>  y_it = μ_i + β_1 x_it 1(q_it ≤ γ) + β_2 x_it 1(q_it &gt; γ) + δ' z_it + e_it.</pre>
 * <ol>
 *   <li>Candidates: {@link ThresholdCandidates#trimmed(double[], double)}.</li>
 *   <li>For each candidate the within (unit-demeaned) regression of y on (x_low, x_high, z) gives S1(γ);
 *       γ̂ = argmin S1 (smallest candidate on ties); S0 is the SSR without threshold; see
 *       {@link ThresholdSearch}.</li>
 *   <li>σ̂² = S1(γ̂) / (N − n) with n units (= n(T − 1) in a balanced panel; Hansen's convention, no
 *       correction for the number of regressors); F1 = (S0 − S1(γ̂)) / σ̂².</li>
 *   <li>LR(γ) = (S1(γ) − S1(γ̂)) / σ̂² and the confidence set {@link LikelihoodRatioSet}.</li>
 *   <li>Coefficients: OLS on the within data at γ̂ (γ̂ treated as known) through the engine's
 *       {@link FixedEffectsRegression} with the unit effects absorbed: iid SEs
 *       √diag(S1/(N − n − k)(X*'X*)⁻¹), Hansen SEs √diag(σ̂²(X*'X*)⁻¹), and unit-clustered SEs with
 *       fixest's default factor G/(G−1)(N−1)/(N−K), K = k + 1 (the unit effects are nested in the clusters).</li>
 * </ol>
 * The significance of the threshold is judged by {@link ThresholdBootstrap}, not by an F table
 * (γ is not identified under the null of no threshold).
 */
public final class PanelThresholdRegression {
    private PanelThresholdRegression() {
    }

    /** Fits the model with trimming share {@code trim} (e.g. 0.05) and LR set level {@code level} (e.g. 0.95). */
    public static ThresholdEstimate fit(ThresholdDesign d, double trim, double level) {
        ThresholdCandidates candidates = ThresholdCandidates.trimmed(d.q(), trim);
        return fit(ThresholdSearch.of(d, candidates), level);
    }

    /** Fits the model from a prepared profile (reused by the bootstrap). */
    public static ThresholdEstimate fit(ThresholdSearch search, double level) {
        ThresholdDesign d = search.design();
        double[] gammas = search.candidates().values();
        double[] reductions = search.reductions();
        double best = search.bestReduction();
        double s0 = search.s0();
        double s1 = s0 - best;
        double sigma2 = s1 / search.withinDegrees();
        if (!(sigma2 > 0)) {
            throw new ThresholdException("the threshold model fits exactly (S1 = " + s1 + "): sigma² is zero");
        }
        double f1 = best / sigma2;
        double[] lr = new double[gammas.length];
        double[] ssr = search.ssr();
        for (int k = 0; k < lr.length; k++) {
            lr[k] = (best - reductions[k]) / sigma2;
        }
        LikelihoodRatioSet set = LikelihoodRatioSet.of(gammas, lr, level);
        double gamma = search.gammaHat();
        int nLow = 0;
        for (double v : d.q()) {
            if (v <= gamma) {
                nLow++;
            }
        }
        int k = d.common().length + 2;
        double[][] x = new double[k][];
        String[] names = new String[k];
        x[0] = d.regimeLow(gamma);
        x[1] = d.regimeHigh(gamma);
        names[0] = d.regimeName() + "_low";
        names[1] = d.regimeName() + "_high";
        for (int j = 0; j < d.common().length; j++) {
            x[j + 2] = d.common()[j];
            names[j + 2] = d.commonNames()[j];
        }
        Design design = Design.ols(d.y(), d.yName(), x, names, new int[][]{d.unit()}, new String[]{"unit"});
        Estimate iid = FixedEffectsRegression.fit(design, VcovRequest.iid(), EstimationOptions.DEFAULT);
        Estimate clustered = FixedEffectsRegression.fit(design, VcovRequest.cluster(d.unit(), "unit"),
                EstimationOptions.DEFAULT);
        if (iid.terms().length != k) {
            throw new ThresholdException("at the estimated threshold some regressors are collinear: "
                    + String.join("; ", iid.notes()));
        }
        double[] seHansen = new double[k];
        double iidSigma2 = iid.rss() / iid.dfResidual();
        for (int j = 0; j < k; j++) {
            seHansen[j] = Math.sqrt(iid.vcov()[j][j] * sigma2 / iidSigma2);
        }
        int n = clustered.nobs();
        int g = clustered.clusterCounts()[0];
        int kDof = ((Number) clustered.diagnostics().get("dofK")).intValue();
        double factor = (double) g / (g - 1) * (n - 1.0) / (n - kDof);
        double[] seNoFactor = new double[k];
        for (int j = 0; j < k; j++) {
            seNoFactor[j] = Math.sqrt(clustered.vcov()[j][j] / factor);
        }
        return new ThresholdEstimate(search.candidates(), ssr, gamma, s0, s1, sigma2, f1, nLow, d.rows() - nLow,
                set, iid, clustered, seHansen, seNoFactor, factor);
    }
}
