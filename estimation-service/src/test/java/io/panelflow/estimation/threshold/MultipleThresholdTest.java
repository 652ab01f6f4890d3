package io.panelflow.estimation.threshold;

import io.panelflow.estimation.engine.Design;
import io.panelflow.estimation.engine.Estimate;
import io.panelflow.estimation.engine.EstimationOptions;
import io.panelflow.estimation.engine.FixedEffectsRegression;
import io.panelflow.estimation.engine.VcovRequest;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two and three thresholds (Hansen's sequential procedure): every SSR of the searches with fixed thresholds
 * checked against a brute-force within regression at each candidate; a panel with two true thresholds gives two
 * significant steps and a third that is not; T1's first step is the single-threshold fit.
 */
class MultipleThresholdTest {

    /** y = unit + 1.0 x (q ≤ −0.5), 2.0 x (−0.5 &lt; q ≤ 0.6), 0.5 x (q &gt; 0.6) + 0.3 z + noise. */
    static ThresholdDesign twoThresholds(int units, int years, long seed, boolean unbalanced) {
        Random rnd = new Random(seed);
        java.util.List<double[]> rows = new java.util.ArrayList<>();
        for (int u = 0; u < units; u++) {
            double alpha = rnd.nextGaussian();
            int t = unbalanced && u % 3 == 0 ? years - 2 : years;
            for (int s = 0; s < t; s++) {
                double q = rnd.nextGaussian();
                double x = 1 + rnd.nextGaussian();
                double z = rnd.nextGaussian();
                double beta = q <= -0.5 ? 1.0 : q <= 0.6 ? 2.0 : 0.5;
                double y = alpha + beta * x + 0.3 * z + 0.3 * rnd.nextGaussian();
                rows.add(new double[]{y, q, x, z, u, s});
            }
        }
        int n = rows.size();
        double[] y = new double[n];
        double[] q = new double[n];
        double[] x = new double[n];
        double[] z = new double[n];
        int[] unit = new int[n];
        int[] time = new int[n];
        for (int i = 0; i < n; i++) {
            double[] r = rows.get(i);
            y[i] = r[0];
            q[i] = r[1];
            x[i] = r[2];
            z[i] = r[3];
            unit[i] = (int) r[4];
            time[i] = (int) r[5];
        }
        return new ThresholdDesign(y, "y", q, x, "x", new double[][]{z}, new String[]{"z"}, unit, time);
    }

    private static double bruteForceSsr(ThresholdDesign d, double... gammas) {
        double[] sorted = gammas.clone();
        java.util.Arrays.sort(sorted);
        double[][] regimes = MultipleThresholdRegression.regimes(d, sorted);
        double[][] x = new double[regimes.length + 1][];
        String[] names = new String[x.length];
        for (int j = 0; j < regimes.length; j++) {
            x[j] = regimes[j];
            names[j] = "r" + j;
        }
        x[regimes.length] = d.common()[0];
        names[regimes.length] = "z";
        Estimate e = FixedEffectsRegression.fit(Design.ols(d.y(), "y", x, names, new int[][]{d.unit()},
                new String[]{"unit"}), VcovRequest.iid(), EstimationOptions.DEFAULT);
        return e.rss();
    }

    @Test
    void searchesWithFixedThresholdsMatchBruteForceRegressions() {
        ThresholdDesign d = twoThresholds(12, 6, 3, true);
        ThresholdCandidates c = ThresholdCandidates.trimmed(d.q(), 0.1);
        MultipleThresholdRegression fit = MultipleThresholdRegression.fit(d, c, 3, 0.95);
        ThresholdStep s1 = fit.steps().get(0);
        ThresholdStep s2 = fit.steps().get(1);
        ThresholdStep s3 = fit.steps().get(2);
        close(bruteForceSsr(d), s1.ssrNull(), 1e-10, "S0");
        close(bruteForceSsr(d, s1.gamma()), s1.ssr(), 1e-10, "S1");
        double[] fixed = s2.search().fixed();
        assertEquals(1, fixed.length);
        assertEquals(s1.gamma(), fixed[0], 0.0);
        double best = Double.POSITIVE_INFINITY;
        double[] ssr = s2.search().ssr();
        for (int k = 0; k < c.size(); k++) {
            if (s2.search().identified(k)) {
                double brute = bruteForceSsr(d, s1.gamma(), c.values()[k]);
                close(brute, ssr[k], 1e-9, "S(gamma1, " + c.values()[k] + ")");
                best = Math.min(best, brute);
            }
        }
        close(best, s2.ssr(), 1e-9, "S2r");
        close(s1.ssr(), s2.ssrNull(), 0, "F2 compares with S1");
        close((s1.ssr() - s2.ssr()) / (s2.ssr() / (d.rows() - 12)), s2.f(), 1e-12, "F2 with N - n");
        double[] f3 = s3.search().fixed();
        assertEquals(2, f3.length);
        close(bruteForceSsr(d, f3[0], f3[1], s3.gamma()), s3.ssr(), 1e-9, "S3");
        double[] g = fit.gammas();
        assertEquals(3, g.length);
        assertTrue(g[0] < g[1] && g[1] < g[2], java.util.Arrays.toString(g));
        close(s2.ssr(), s3.ssrNull(), 0, "F3 compares with S2r");
        // regimes keep at least the trimmed count
        for (int size : fit.regimeSizes()) {
            assertTrue(size >= c.trimCount(), "regime of " + size);
        }
    }

    @Test
    void twoTrueThresholdsAreFoundAndTheThirdIsNotSignificant() {
        ThresholdDesign d = twoThresholds(40, 10, 7, false);
        ThresholdCandidates c = ThresholdCandidates.trimmed(d.q(), 0.05);
        MultipleThresholdRegression fit = MultipleThresholdRegression.fit(d, c, 3, 0.95);
        MultipleThresholdRegression two = MultipleThresholdRegression.fit(d, c, 2, 0.95);
        assertEquals(-0.5, two.gammas()[0], 0.1);
        assertEquals(0.6, two.gammas()[1], 0.1);
        assertEquals(1.0, two.clustered().coefficients()[0], 0.1);
        assertEquals(2.0, two.clustered().coefficients()[1], 0.1);
        assertEquals(0.5, two.clustered().coefficients()[2], 0.1);
        assertEquals("x_mid", two.clustered().terms()[1]);
        ThresholdBootstrapResult b2 = SequentialThresholdBootstrap.run(fit, 2, 50, 2);
        ThresholdBootstrapResult b3 = SequentialThresholdBootstrap.run(fit, 3, 50, 3);
        assertEquals(0.0, b2.pValue(), 0.0, "double vs single");
        assertTrue(b3.pValue() > 0.05, "triple vs double p = " + b3.pValue());
        ThresholdBootstrapResult again = SequentialThresholdBootstrap.run(fit, 3, 50, 3);
        assertEquals(b3.pValue(), again.pValue(), 0.0, "seeded");
        assertTrue(b3.criticalValue(0.05) >= b3.criticalValue(0.10));
        for (LikelihoodRatioSet set : two.sets()) {
            assertTrue(set.size() >= 1);
        }
    }

    @Test
    void theBootstrapNeedsABalancedPanelTheEstimateDoesNot() {
        ThresholdDesign d = twoThresholds(30, 8, 11, true);
        ThresholdCandidates c = ThresholdCandidates.trimmed(d.q(), 0.05);
        MultipleThresholdRegression fit = MultipleThresholdRegression.fit(d, c, 2, 0.95);
        assertEquals(-0.5, fit.gammas()[0], 0.15);
        assertEquals(0.6, fit.gammas()[1], 0.15);
        ThresholdException e = assertThrows(ThresholdException.class, () -> SequentialThresholdBootstrap.run(fit, 2, 10, 1));
        assertTrue(e.getMessage().contains("balanced"), e.getMessage());
    }

    @Test
    void t1FirstStepIsTheSingleThresholdFit() {
        ChinaThresholdReferenceTest.fitModel();
        ThresholdDesign d = ChinaThresholdReferenceTest.design();
        MultipleThresholdRegression fit = MultipleThresholdRegression.fit(d,
                ThresholdCandidates.trimmed(d.q(), 0.05), 2, 0.95);
        var e = ChinaThresholdReferenceTest.expected;
        close(e.get("gamma_hat").asDouble(), fit.steps().get(0).gamma(), 0, "gamma");
        close(e.get("F1").asDouble(), fit.steps().get(0).f(), 1e-8, "F1");
        close(e.get("S1_gamma_hat").asDouble(), fit.steps().get(1).ssrNull(), 1e-8, "S1");
        assertTrue(fit.steps().get(1).f() > 0);
    }

    static void close(double want, double got, double rel, String what) {
        double scale = Math.max(Math.abs(want), 1e-300);
        assertTrue(Math.abs(want - got) <= rel * scale, what + ": expected " + want + " got " + got);
    }
}
