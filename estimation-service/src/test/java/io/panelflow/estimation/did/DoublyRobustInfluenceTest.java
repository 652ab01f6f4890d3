package io.panelflow.estimation.did;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The doubly robust influence function, estimation effects of the logit and of the outcome regression included,
 * against the jackknife: for a smooth estimator ψ_i ≈ (n − 1)(θ − θ_(−i)), and Σψ²/n² ≈ the jackknife variance.
 * The design has a covariate that drives both the propensity and the trend, and a misspecified (quadratic) trend,
 * so the nuisance estimates matter. An independent numerical check of the analytic formula; no R number exists.
 */
class DoublyRobustInfluenceTest {

    @Test
    void influenceFunctionMatchesTheJackknife() {
        Random rnd = new Random(17);
        int n = 600;
        double[] dy = new double[n];
        boolean[] treated = new boolean[n];
        double[][] x = new double[n][3];
        for (int i = 0; i < n; i++) {
            double a = rnd.nextGaussian();
            double b = rnd.nextDouble() < 0.4 ? 1 : 0;
            double p = 1 / (1 + Math.exp(-(-0.7 + 0.8 * a + 0.6 * b)));
            treated[i] = rnd.nextDouble() < p;
            x[i] = new double[]{1, a, b};
            dy[i] = 0.3 + 0.5 * a + 0.4 * a * a - 0.3 * b + (treated[i] ? 1.0 : 0) + 0.5 * rnd.nextGaussian();
        }
        DoublyRobustDid.Cell full = DoublyRobustDid.estimate(dy, treated, x);
        double ssPsi = 0;
        double ssJack = 0;
        double cross = 0;
        double[] jack = new double[n];
        double jackMean = 0;
        for (int i = 0; i < n; i++) {
            double[] dyi = new double[n - 1];
            boolean[] ti = new boolean[n - 1];
            double[][] xi = new double[n - 1][];
            for (int j = 0, r = 0; j < n; j++) {
                if (j != i) {
                    dyi[r] = dy[j];
                    ti[r] = treated[j];
                    xi[r++] = x[j];
                }
            }
            jack[i] = DoublyRobustDid.estimate(dyi, ti, xi).att();
            jackMean += jack[i] / n;
        }
        for (int i = 0; i < n; i++) {
            double pseudo = (n - 1) * (full.att() - jack[i]);
            double psi = full.influence()[i];
            ssPsi += psi * psi;
            ssJack += pseudo * pseudo;
            cross += psi * pseudo;
        }
        double seIf = Math.sqrt(ssPsi) / n;
        double jackVar = 0;
        for (double v : jack) {
            jackVar += (v - jackMean) * (v - jackMean);
        }
        double seJack = Math.sqrt(jackVar * (n - 1) / n);
        double correlation = cross / Math.sqrt(ssPsi * ssJack);
        assertTrue(Math.abs(seIf / seJack - 1) < 0.03, "IF SE " + seIf + " vs jackknife SE " + seJack);
        assertTrue(correlation > 0.995, "correlation of ψ with the jackknife pseudo-values: " + correlation);
    }
}
