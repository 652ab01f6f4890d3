package io.panelflow.estimation.threshold;

import io.panelflow.estimation.engine.Design;
import io.panelflow.estimation.engine.Estimate;
import io.panelflow.estimation.engine.EstimationOptions;
import io.panelflow.estimation.engine.FixedEffectsRegression;
import io.panelflow.estimation.engine.VcovRequest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hansen's (1999, sec. 4) sequential estimation of up to three thresholds in the fixed-effects panel model
 * <pre>  y_it = μ_i + β_1 x 1(q ≤ γ_1) + β_2 x 1(γ_1 &lt; q ≤ γ_2) + … + β_{k+1} x 1(q &gt; γ_k) + δ'z + e_it</pre>
 * as Stata's {@code xthreg}:
 * <ol>
 *   <li>γ̂_1 = argmin S1(γ) ({@link ThresholdSearch}), F1 = (S0 − S1(γ̂_1)) / σ̂²_1.</li>
 *   <li>γ̂_2^r = argmin S2^r(γ) = S(γ̂_1, γ) with γ̂_1 fixed, F2 = (S1(γ̂_1) − S2^r(γ̂_2^r)) / σ̂²_2; then the
 *       refinement γ̂_1^r = argmin S(γ, γ̂_2^r) with γ̂_2^r fixed.</li>
 *   <li>γ̂_3 = argmin S(γ̂_1^r, γ̂_2^r, γ), F3 = (S2^r(γ̂_2^r) − S3(γ̂_3)) / σ̂²_3.</li>
 * </ol>
 * σ̂²_k = S_k / (N − n) (n units; N − n = n(T − 1) when balanced). Every search uses the same trimmed candidate
 * grid; a candidate is skipped when a regime would keep fewer than max(1, k) observations (k trimmed per end).
 * Each threshold's LR confidence set comes from its profile with the other thresholds fixed at their final
 * values (Hansen's refined sets). The coefficients are the within regression at the final thresholds with iid
 * and unit-clustered variances (as {@link PanelThresholdRegression}). Works on unbalanced panels; only the
 * bootstrap needs balance.
 *
 * @param count      the number of thresholds fitted (1–3)
 * @param steps      the tests, step k = k thresholds against k − 1
 * @param gammas     the final thresholds, ascending (refined for two or more)
 * @param sets       the LR confidence set of each of {@code gammas}
 * @param regimeNames the names of the regime coefficients, lowest regime first
 * @param iid        the within regression at the final thresholds, iid variance
 * @param clustered  the same with unit-clustered variance
 * @param regimeSizes observations in each regime
 */
public record MultipleThresholdRegression(int count, List<ThresholdStep> steps, double[] gammas,
                                          List<LikelihoodRatioSet> sets, String[] regimeNames, Estimate iid,
                                          Estimate clustered, int[] regimeSizes) {

    public static MultipleThresholdRegression fit(ThresholdDesign d, ThresholdCandidates c, int count, double level) {
        if (count < 1 || count > 3) {
            throw new ThresholdException("thresholds must be 1, 2 or 3, got " + count);
        }
        List<ThresholdStep> steps = new ArrayList<>();
        ThresholdSearch first = ThresholdSearch.of(d, c);
        steps.add(ThresholdStep.of(1, first, first.s0()));
        double[] gammas = {first.gammaHat()};
        if (count >= 2) {
            ThresholdSearch second = ThresholdSearch.given(d, c, gammas[0]);
            ThresholdStep step2 = ThresholdStep.of(2, second, steps.get(0).ssr());
            steps.add(step2);
            double g2 = step2.gamma();
            double g1 = ThresholdSearch.given(d, c, g2).gammaHat();
            gammas = new double[]{g1, g2};
            if (count == 3) {
                ThresholdSearch third = ThresholdSearch.given(d, c, g1, g2);
                steps.add(ThresholdStep.of(3, third, step2.ssr()));
                gammas = new double[]{g1, g2, third.gammaHat()};
            }
        }
        double[] sorted = gammas.clone();
        Arrays.sort(sorted);
        if (count >= 2 && !(sorted[0] < sorted[1] && (count < 3 || sorted[1] < sorted[2]))) {
            throw new ThresholdException("no further threshold separates the regimes (every candidate leaves a regime "
                    + "with too few observations)");
        }
        List<LikelihoodRatioSet> sets = new ArrayList<>();
        for (int j = 0; j < sorted.length; j++) {
            double[] others = new double[sorted.length - 1];
            for (int a = 0, b = 0; a < sorted.length; a++) {
                if (a != j) {
                    others[b++] = sorted[a];
                }
            }
            ThresholdSearch profile = others.length == 0 ? first : ThresholdSearch.given(d, c, others);
            double best = profile.bestReduction();
            double sigma2 = (profile.s0() - best) / profile.withinDegrees();
            double[] red = profile.reductions();
            double[] lr = new double[red.length];
            for (int k = 0; k < lr.length; k++) {
                lr[k] = profile.identified(k) ? (best - red[k]) / sigma2 : Double.POSITIVE_INFINITY;
            }
            sets.add(LikelihoodRatioSet.of(c.values(), lr, level));
        }
        double[][] regimes = regimes(d, sorted);
        String[] regimeNames = regimeNames(d.regimeName(), sorted.length);
        int k = regimes.length + d.common().length;
        double[][] x = new double[k][];
        String[] names = new String[k];
        for (int j = 0; j < regimes.length; j++) {
            x[j] = regimes[j];
            names[j] = regimeNames[j];
        }
        for (int j = 0; j < d.common().length; j++) {
            x[regimes.length + j] = d.common()[j];
            names[regimes.length + j] = d.commonNames()[j];
        }
        Design design = Design.ols(d.y(), d.yName(), x, names, new int[][]{d.unit()}, new String[]{"unit"});
        Estimate iid = FixedEffectsRegression.fit(design, VcovRequest.iid(), EstimationOptions.DEFAULT);
        Estimate clustered = FixedEffectsRegression.fit(design, VcovRequest.cluster(d.unit(), "unit"),
                EstimationOptions.DEFAULT);
        if (iid.terms().length != k) {
            throw new ThresholdException("at the estimated thresholds some regressors are collinear: "
                    + String.join("; ", iid.notes()));
        }
        int[] sizes = new int[regimes.length];
        for (int i = 0; i < d.rows(); i++) {
            sizes[regime(d.q()[i], sorted)]++;
        }
        return new MultipleThresholdRegression(count, List.copyOf(steps), sorted, List.copyOf(sets), regimeNames, iid,
                clustered, sizes);
    }

    /** x·1(regime j) for the regimes cut by the ascending thresholds. */
    static double[][] regimes(ThresholdDesign d, double[] sorted) {
        double[][] out = new double[sorted.length + 1][d.rows()];
        for (int i = 0; i < d.rows(); i++) {
            out[regime(d.q()[i], sorted)][i] = d.regime()[i];
        }
        return out;
    }

    private static int regime(double q, double[] sorted) {
        int j = 0;
        while (j < sorted.length && q > sorted[j]) {
            j++;
        }
        return j;
    }

    /** {@code x_low, x_high}; {@code x_low, x_mid, x_high}; {@code x_low, x_mid1, x_mid2, x_high}. */
    static String[] regimeNames(String x, int thresholds) {
        return switch (thresholds) {
            case 1 -> new String[]{x + "_low", x + "_high"};
            case 2 -> new String[]{x + "_low", x + "_mid", x + "_high"};
            default -> new String[]{x + "_low", x + "_mid1", x + "_mid2", x + "_high"};
        };
    }
}
