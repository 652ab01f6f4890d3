package io.panelflow.estimation.did;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Goodman-Bacon (2021) decomposition of the two-way fixed-effects estimate of {@code y ~ treat_post | unit + period}
 * into 2×2 comparisons, on a balanced panel without covariates (the identity holds only there).
 *
 * <p>With N units over T periods, n_k = N_k/N the share of cohort k (U the never-treated units),
 * D̄_k = (periods with t ≥ k)/T the share of periods cohort k is treated, and V^D the variance of the two-way
 * demeaned treatment dummy (Σ D̃²/(NT)):
 * <pre>  treated k vs never U:      β_kU  = DiD of k and U, pre = t < k, post = t ≥ k (whole panel)
 *                              s_kU  = (n_k + n_U)² n_kU(1 − n_kU) D̄_k(1 − D̄_k) / V^D,  n_kU = n_k/(n_k + n_U)
 *   earlier k vs later l:      β^k_kl = DiD of k and l over t < l, pre = t < k, post = k ≤ t < l
 *                              s^k_kl = ((n_k + n_l)(1 − D̄_l))² n_kl(1 − n_kl) (D̄_k − D̄_l)/(1 − D̄_l)
 *                                       · (1 − D̄_k)/(1 − D̄_l) / V^D
 *   later l vs earlier k:      β^l_kl = DiD of l and k over t ≥ k, pre = k ≤ t < l, post = t ≥ l
 *                              s^l_kl = ((n_k + n_l) D̄_k)² n_kl(1 − n_kl) (D̄_l/D̄_k)(D̄_k − D̄_l)/D̄_k / V^D</pre>
 * with n_kl = n_k/(n_k + n_l). The weights sum to one and Σ s β is the TWFE estimate (both are returned so that
 * a reader can check).
 *
 * @param comparisons every 2×2 comparison with its estimate and weight
 * @param twfe        the TWFE estimate, computed from the two-way demeaned treatment dummy
 * @param weightSum   Σ s
 * @param weightedSum Σ s β
 */
public record BaconDecomposition(List<BaconComparison> comparisons, double twfe, double weightSum, double weightedSum) {

    public BaconDecomposition {
        comparisons = List.copyOf(comparisons);
    }

    /**
     * @throws DidException when the panel is unbalanced, has covariates or no treated cohort
     */
    public static BaconDecomposition of(StaggeredPanel panel) {
        if (!panel.covariateNames().isEmpty()) {
            throw new DidException("the Goodman-Bacon decomposition holds for the two-way fixed-effects estimate"
                    + " without covariates only; it is not computed with the controls " + panel.covariateNames());
        }
        if (!panel.isBalanced()) {
            throw new DidException("the Goodman-Bacon decomposition holds on a balanced panel only; this panel has "
                    + panel.rows() + " rows for " + panel.unitCount() + " units × " + panel.periods().length
                    + " periods");
        }
        double[][] y = panel.balancedOutcome();
        int[] periods = panel.periods();
        int[] groups = panel.cohorts();
        int[] unitCohort = panel.unitCohorts();
        int n = unitCohort.length;
        int tt = periods.length;
        if (groups.length == 0) {
            throw new DidException("no treated cohort: nothing to decompose");
        }
        // cohort means by period (index 0 = never treated, then groups)
        int[] cohorts = new int[groups.length + 1];
        System.arraycopy(groups, 0, cohorts, 1, groups.length);
        Map<Integer, Integer> index = new LinkedHashMap<>();
        for (int c = 0; c < cohorts.length; c++) {
            index.put(cohorts[c], c);
        }
        double[][] mean = new double[cohorts.length][tt];
        int[] size = new int[cohorts.length];
        for (int u = 0; u < n; u++) {
            int c = index.get(unitCohort[u]);
            size[c]++;
            for (int p = 0; p < tt; p++) {
                mean[c][p] += y[u][p];
            }
        }
        for (int c = 0; c < cohorts.length; c++) {
            for (int p = 0; p < tt; p++) {
                mean[c][p] = size[c] == 0 ? Double.NaN : mean[c][p] / size[c];
            }
        }
        // TWFE from the two-way demeaned dummy (balanced: D̃ = D − D̄_i − D̄_t + D̄)
        double[][] dd = new double[n][tt];
        double[] rowMean = new double[n];
        double[] colMean = new double[tt];
        double all = 0;
        for (int u = 0; u < n; u++) {
            for (int p = 0; p < tt; p++) {
                dd[u][p] = unitCohort[u] > 0 && periods[p] >= unitCohort[u] ? 1 : 0;
                rowMean[u] += dd[u][p] / tt;
                colMean[p] += dd[u][p] / n;
                all += dd[u][p] / ((double) n * tt);
            }
        }
        double num = 0;
        double den = 0;
        for (int u = 0; u < n; u++) {
            for (int p = 0; p < tt; p++) {
                double d = dd[u][p] - rowMean[u] - colMean[p] + all;
                num += d * y[u][p];
                den += d * d;
            }
        }
        double twfe = num / den;
        double vd = den / ((double) n * tt);

        double[] share = new double[cohorts.length];
        double[] treatedShare = new double[cohorts.length];
        for (int c = 0; c < cohorts.length; c++) {
            share[c] = (double) size[c] / n;
            if (c > 0) {
                int on = 0;
                for (int p : periods) {
                    on += p >= cohorts[c] ? 1 : 0;
                }
                treatedShare[c] = (double) on / tt;
            }
        }
        List<BaconComparison> out = new ArrayList<>();
        for (int k = 1; k < cohorts.length; k++) {
            double dk = treatedShare[k];
            if (size[0] > 0) {
                double nkU = share[k] / (share[k] + share[0]);
                double w = Math.pow(share[k] + share[0], 2) * nkU * (1 - nkU) * dk * (1 - dk) / vd;
                double est = did(mean, periods, k, 0, Integer.MIN_VALUE, cohorts[k], Integer.MAX_VALUE);
                out.add(new BaconComparison(BaconComparison.TREATED_VS_NEVER, cohorts[k], 0, est, w));
            }
            for (int l = k + 1; l < cohorts.length; l++) {
                double dl = treatedShare[l];
                double nkl = share[k] / (share[k] + share[l]);
                double base = nkl * (1 - nkl);
                double wk = Math.pow((share[k] + share[l]) * (1 - dl), 2) * base * (dk - dl) / (1 - dl)
                        * (1 - dk) / (1 - dl) / vd;
                double estK = did(mean, periods, k, l, Integer.MIN_VALUE, cohorts[k], cohorts[l]);
                out.add(new BaconComparison(BaconComparison.EARLIER_VS_LATER, cohorts[k], cohorts[l], estK, wk));
                double wl = Math.pow((share[k] + share[l]) * dk, 2) * base * (dl / dk) * (dk - dl) / dk / vd;
                double estL = did(mean, periods, l, k, cohorts[k], cohorts[l], Integer.MAX_VALUE);
                out.add(new BaconComparison(BaconComparison.LATER_VS_EARLIER, cohorts[l], cohorts[k], estL, wl));
            }
        }
        double ws = 0;
        double wsum = 0;
        for (BaconComparison c : out) {
            ws += c.weight();
            wsum += c.weight() * c.estimate();
        }
        return new BaconDecomposition(out, twfe, ws, wsum);
    }

    /** By comparison type: total weight and the weight-averaged estimate. */
    public Map<String, double[]> byType() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String type : List.of(BaconComparison.EARLIER_VS_LATER, BaconComparison.LATER_VS_EARLIER,
                BaconComparison.TREATED_VS_NEVER)) {
            double w = 0;
            double s = 0;
            for (BaconComparison c : comparisons) {
                if (c.type().equals(type)) {
                    w += c.weight();
                    s += c.weight() * c.estimate();
                }
            }
            if (w > 0) {
                out.put(type, new double[]{w, s / w});
            }
        }
        return out;
    }

    /**
     * DiD of means of cohort index {@code a} (treated) against {@code b} over the periods in [from, to), with
     * pre = periods before {@code switchAt}, post = periods from it on.
     */
    private static double did(double[][] mean, int[] periods, int a, int b, int from, int switchAt, int to) {
        double preA = 0;
        double postA = 0;
        double preB = 0;
        double postB = 0;
        int pre = 0;
        int post = 0;
        for (int p = 0; p < periods.length; p++) {
            int t = periods[p];
            if (t < from || t >= to) {
                continue;
            }
            if (t < switchAt) {
                preA += mean[a][p];
                preB += mean[b][p];
                pre++;
            } else {
                postA += mean[a][p];
                postB += mean[b][p];
                post++;
            }
        }
        return (postA / post - preA / pre) - (postB / post - preB / pre);
    }
}
