package io.panelflow.estimation.engine;

import io.panelflow.testing.SharedReference;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kleibergen–Paap rk statistics against independent computations:
 * <ul>
 *   <li>homoskedastic, two and three endogenous regressors: the rk Wald is Cragg–Donald's N·min ρ²/(1 − ρ²) and the
 *       rk LM Anderson's N·min ρ², ρ the canonical correlations computed here from the eigenvalues of
 *       (E'E)⁻¹E'Z(Z'Z)⁻¹Z'E; through the engine the rk Wald also equals the reported Cragg–Donald F rescaled;</li>
 *   <li>one endogenous regressor, robust: the rk LM is the score statistic (Σ z e)'[Σ (z e)(z e)']⁻¹(Σ z e) and
 *       the rk Wald is q × fixest's kpr (S7, checked against the reference through the existing test);</li>
 *   <li>robust with two endogenous regressors: invariant to the order of the endogenous regressors and to the
 *       scale of an instrument, as a rank statistic must be.</li>
 * </ul>
 */
class KleibergenPaapRankTest {

    /** n rows, L instruments, K endogenous with first stage E = Z Π + V (Π of rank K, weak in the last direction). */
    static double[][][] data(int n, int l, int k, long seed, boolean heteroskedastic) {
        Random r = new Random(seed);
        double[][] z = new double[l][n];
        double[][] e = new double[k][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < l; j++) {
                z[j][i] = r.nextGaussian();
            }
            double scale = heteroskedastic ? 0.5 + Math.abs(z[0][i]) : 1.0;
            double common = r.nextGaussian();
            for (int m = 0; m < k; m++) {
                double s = 0;
                for (int j = 0; j < l; j++) {
                    s += (j == m ? 0.6 : 0.1 / (1 + j + m)) * z[j][i];
                }
                e[m][i] = s + scale * (0.7 * r.nextGaussian() + 0.3 * common);
            }
        }
        centre(z);
        centre(e);
        return new double[][][]{z, e};
    }

    private static void centre(double[][] x) {
        for (double[] c : x) {
            double m = 0;
            for (double v : c) {
                m += v / c.length;
            }
            for (int i = 0; i < c.length; i++) {
                c[i] -= m;
            }
        }
    }

    static double[][] firstStageResiduals(double[][] z, double[][] e) {
        double[][] out = new double[e.length][];
        for (int m = 0; m < e.length; m++) {
            out[m] = IvDiagnostics.residualOn(z, e[m], null);
        }
        return out;
    }

    /** The smallest squared canonical correlation of E and Z. */
    static double minRho2(double[][] z, double[][] e) {
        RealMatrix ee = new Array2DRowRealMatrix(Matrices.crossProduct(e, e, null));
        RealMatrix ez = new Array2DRowRealMatrix(Matrices.crossProduct(e, z, null));
        RealMatrix zz = new Array2DRowRealMatrix(Matrices.crossProduct(z, z, null));
        RealMatrix m = new LUDecomposition(ee).getSolver().getInverse().multiply(ez)
                .multiply(new LUDecomposition(zz).getSolver().getInverse()).multiply(ez.transpose());
        double min = Double.POSITIVE_INFINITY;
        for (double v : new EigenDecomposition(m).getRealEigenvalues()) {
            min = Math.min(min, v);
        }
        return min;
    }

    static void close(double want, double got, double rel, String what) {
        assertTrue(Math.abs(want - got) <= rel * Math.abs(want), what + ": expected " + want + " got " + got);
    }

    @Test
    void homoskedasticRkStatisticsAreCraggDonaldAndAnderson() {
        for (int[] shape : new int[][]{{3, 2}, {4, 3}, {2, 2}, {5, 1}}) {
            double[][][] d = data(400, shape[0], shape[1], 17 + shape[0], false);
            double[][] z = d[0];
            double[][] e = d[1];
            int n = z[0].length;
            double rho2 = minRho2(z, e);
            double wald = KleibergenPaapRank.statistic(z, e, firstStageResiduals(z, e), null,
                    KleibergenPaapRank.Meat.HOMOSKEDASTIC, null, 1.0);
            double lm = KleibergenPaapRank.statistic(z, e, e, null, KleibergenPaapRank.Meat.HOMOSKEDASTIC, null, 1.0);
            close(n * rho2 / (1 - rho2), wald, 1e-9, "rk Wald = N rho2/(1-rho2), L K " + shape[0] + " " + shape[1]);
            close(n * rho2, lm, 1e-9, "rk LM = N rho2, L K " + shape[0] + " " + shape[1]);
        }
    }

    @Test
    void oneEndogenousRobustLmIsTheScoreStatistic() {
        double[][][] d = data(300, 3, 1, 5, true);
        double[][] z = d[0];
        double[] e = d[1][0];
        double[] g = new double[3];
        double[][] meat = new double[3][3];
        for (int i = 0; i < e.length; i++) {
            for (int a = 0; a < 3; a++) {
                g[a] += z[a][i] * e[i];
                for (int b = 0; b < 3; b++) {
                    meat[a][b] += z[a][i] * e[i] * z[b][i] * e[i];
                }
            }
        }
        double score = Matrices.dot(g, Matrices.multiply(Matrices.inverseSpd(meat), g));
        double lm = KleibergenPaapRank.statistic(z, d[1], d[1], null, KleibergenPaapRank.Meat.HETEROSKEDASTIC, null, 1.0);
        close(score, lm, 1e-9, "robust score LM");
    }

    @Test
    void robustStatisticsAreInvariantToOrderAndScale() {
        double[][][] d = data(500, 4, 2, 9, true);
        double[][] z = d[0];
        double[][] e = d[1];
        int[] cluster = new int[z[0].length];
        for (int i = 0; i < cluster.length; i++) {
            cluster[i] = i / 10;
        }
        for (KleibergenPaapRank.Meat meat : new KleibergenPaapRank.Meat[]{KleibergenPaapRank.Meat.HETEROSKEDASTIC,
                KleibergenPaapRank.Meat.CLUSTERED}) {
            double base = KleibergenPaapRank.statistic(z, e, firstStageResiduals(z, e), null, meat, cluster, 1.0);
            double[][] swapped = {e[1], e[0]};
            double other = KleibergenPaapRank.statistic(z, swapped, firstStageResiduals(z, swapped), null, meat, cluster, 1.0);
            close(base, other, 1e-9, meat + " order of the endogenous regressors");
            double[][] scaled = {z[0], z[1].clone(), z[2], z[3]};
            for (int i = 0; i < scaled[1].length; i++) {
                scaled[1][i] *= 7.5;
            }
            double rescaled = KleibergenPaapRank.statistic(scaled, e, firstStageResiduals(scaled, e), null, meat, cluster, 1.0);
            close(base, rescaled, 1e-9, meat + " instrument scale");
            double lm = KleibergenPaapRank.statistic(z, e, e, null, meat, cluster, 1.0);
            assertTrue(lm > 0 && Double.isFinite(lm) && base > 0, meat + " " + lm + " " + base);
        }
    }

    /** Through the engine: y ~ x | unit | e1 + e2 ~ z1 + z2 + z3 with the iid variance. */
    @SuppressWarnings("unchecked")
    @Test
    void twoEndogenousRegressorsThroughTheEngine() {
        int units = 60;
        int years = 6;
        int n = units * years;
        Random r = new Random(3);
        double[][][] d = data(n, 3, 2, 23, false);
        double[] x = new double[n];
        double[] y = new double[n];
        int[] unit = new int[n];
        for (int i = 0; i < n; i++) {
            unit[i] = i / years;
            x[i] = r.nextGaussian();
            y[i] = 0.5 * d[1][0][i] - 0.3 * d[1][1][i] + 0.2 * x[i] + unit[i] * 0.01 + r.nextGaussian();
        }
        Design design = new Design(y, "y", new double[][]{x}, new String[]{"x"}, new int[][]{unit},
                new String[]{"unit"}, null, d[1], new String[]{"e1", "e2"}, d[0], new String[]{"z1", "z2", "z3"});
        Estimate iid = FixedEffectsRegression.fit(design, VcovRequest.iid(), EstimationOptions.DEFAULT);
        Map<String, Object> wald = (Map<String, Object>) iid.diagnostics().get("kleibergenPaapWald");
        double cd = ((Number) iid.diagnostics().get("craggDonaldF")).doubleValue();
        int q = 3;
        int k2 = 2;
        // craggDonaldF = (N − K2 − q − 1)/q · min ρ²/(1 − ρ²), N the rows of the estimation
        double minRatio = cd * q / (n - k2 - q - 1.0);
        close(n * minRatio, ((Number) wald.get("stat")).doubleValue(), 1e-9, "rk Wald = N x Cragg-Donald ratio");
        assertEquals(2, wald.get("df"));
        Map<String, Object> kpF = (Map<String, Object>) iid.diagnostics().get("kleibergenPaapF");
        close(((Number) wald.get("stat")).doubleValue() / q, ((Number) kpF.get("stat")).doubleValue(), 1e-12, "kpr = Wald/q");
        Map<String, Object> lm = (Map<String, Object>) iid.diagnostics().get("kleibergenPaapLM");
        double ratio = minRatio;
        close(n * ratio / (1 + ratio), ((Number) lm.get("stat")).doubleValue(), 1e-9, "rk LM = N rho2 (Anderson)");
        Map<String, Double> bias = (Map<String, Double>) iid.diagnostics().get("stockYogoRelativeBias");
        assertEquals(null, bias, "L = 3 < K2 + 2: no relative-bias value");
        assertEquals(13.43, ((Map<String, Double>) iid.diagnostics().get("stockYogo")).get("10%"), 0.0, "K2 = 2, L = 3");

        Estimate clustered = FixedEffectsRegression.fit(design, VcovRequest.cluster(unit, "unit"), EstimationOptions.DEFAULT);
        Map<String, Object> cw = (Map<String, Object>) clustered.diagnostics().get("kleibergenPaapWald");
        assertTrue(((Number) cw.get("stat")).doubleValue() > 0, cw.toString());
        assertTrue(clustered.notes().stream().noneMatch(s -> s.contains("one endogenous regressor only")));
    }

    @Test
    void stockYogoTablesForUpToThreeEndogenous() {
        assertEquals(Map.of("5%", 9.53, "10%", 6.61, "20%", 4.99, "30%", 4.30), StockYogo.maximalRelativeBias(3, 5));
        assertEquals(13.91, StockYogo.maximalRelativeBias(1, 3).get("5%"), 0.0);
        assertTrue(StockYogo.maximalRelativeBias(3, 4).isEmpty(), "needs L >= K2 + 2");
        assertEquals(Map.of("10%", 7.03, "15%", 4.58, "20%", 3.95, "25%", 3.63), StockYogo.maximalIvSize(2, 2));
        assertTrue(StockYogo.maximalIvSize(3, 5).isEmpty(), "Stock and Yogo give no size table for three");
        assertEquals(86.17, StockYogo.maximalIvSize(1, 30).get("10%"), 0.0);
        assertTrue(StockYogo.maximalIvSize(1, 31).isEmpty());
    }

    /** S7 (one endogenous regressor): the general rk Wald is q × the kpr statistic checked against fixest. */
    @SuppressWarnings("unchecked")
    @Test
    void s7RkWaldIsQTimesKpr() {
        SharedReference.json("S7_cigarettes_iv");
        ReferenceTable t = ReferenceTable.read("S7_cigarettes_iv.csv");
        Design d = CigarettesIvReferenceTest.design(t, true);
        int[] state = t.codes("state");
        for (VcovRequest v : new VcovRequest[]{VcovRequest.cluster(state, "state"), VcovRequest.hetero()}) {
            Estimate iv = FixedEffectsRegression.fit(d, v, EstimationOptions.DEFAULT);
            double q = d.instrumentNames().length;
            double kpr = ((Number) ((Map<String, Object>) iv.diagnostics().get("kleibergenPaapF")).get("stat")).doubleValue();
            double wald = ((Number) ((Map<String, Object>) iv.diagnostics().get("kleibergenPaapWald")).get("stat")).doubleValue();
            close(q * kpr, wald, 1e-9, "S7b rk Wald " + v.type());
        }
    }
}
