package io.panelflow.estimation.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sandwich variance estimators for a linear (or 2SLS) fit with bread {@code B = (X'WX)^{-1}}
 * (X the demeaned regressors, for 2SLS the fitted X̂), scores {@code s_i = w_i x_i e_i} and
 * K the parameter count chosen by the small-sample convention:
 * <ul>
 *   <li>IID: {@code V = RSS/(N−K) · B}, RSS = Σ w_i e_i².</li>
 *   <li>HETERO (HC1): {@code V = N/(N−K) · B (Σ_i s_i s_i') B}.</li>
 *   <li>CLUSTER, one dimension: {@code V = G/(G−1) · (N−1)/(N−K) · B (Σ_g S_g S_g') B}, S_g = Σ_{i∈g} s_i.</li>
 *   <li>CLUSTER, several dimensions (Cameron–Gelbach–Miller):
 *       {@code V = G_min/(G_min−1) · (N−1)/(N−K) · B [Σ_{∅≠A⊆dims} (−1)^{|A|+1} M_A] B}, M_A the
 *       meat clustered by the intersection of the dimensions in A; G_min is the smallest number of
 *       clusters among the dimensions (fixest's {@code cluster.df = "min"}). A result with negative
 *       eigenvalues is made positive semi-definite by setting those eigenvalues to zero.</li>
 *   <li>DRISCOLL_KRAAY: with {@code h_t = Σ_{i: time(i)=t} s_i} over the T distinct periods in time
 *       order, {@code M = Σ_t h_t h_t' + Σ_{l=1}^{L} (1 − l/(L+1)) Σ_t (h_t h_{t−l}' + h_{t−l} h_t')}
 *       (Bartlett kernel), {@code V = (N−1)/(N−K) · B M B}. Default bandwidth when the request's lag
 *       is negative: {@code L = floor(4 (T/100)^{2/9})} (Newey–West's rule, as Stata's xtscc).
 *       t tests use N − K degrees of freedom.</li>
 * </ul>
 * t degrees of freedom: N − K, or G_min − 1 for clustered variances (fixest {@code t.df = "min"}).
 */
final class CovarianceEstimator {

    /** {@code smallSampleFactor}: the scalar the sandwich (or σ² bread) was multiplied by; NaN for iid. */
    record Result(double[][] vcov, int dfResidual, int[] clusterCounts, int lag, double smallSampleFactor) {
    }

    private CovarianceEstimator() {
    }

    /**
     * @param request  the request; cluster codes and time are already restricted to the kept rows
     * @param bread    (X'WX)^{-1}, K×K
     * @param x        regressor columns used in the scores (length n each)
     * @param resid    residuals e
     * @param w        weights or null
     * @param rss      Σ w e²
     * @param kDof     K of the small-sample factor
     */
    static Result compute(VcovType type, int[][] clusters, String[] clusterNames, int[] time, int requestedLag,
                          double[][] bread, double[][] x, double[] resid, double[] w, double rss, int kDof) {
        int n = resid.length;
        int k = bread.length;
        if (n - kDof <= 0) {
            throw new EstimationException("no residual degrees of freedom: N = " + n + ", K = " + kDof);
        }
        switch (type) {
            case IID -> {
                double s2 = rss / (n - kDof);
                return new Result(scale(bread, s2), n - kDof, new int[0], -1, Double.NaN);
            }
            case HETERO -> {
                double[][] meat = new double[k][k];
                double[] s = new double[k];
                for (int i = 0; i < n; i++) {
                    double f = w == null ? resid[i] : w[i] * resid[i];
                    for (int j = 0; j < k; j++) {
                        s[j] = x[j][i] * f;
                    }
                    for (int a = 0; a < k; a++) {
                        for (int b = 0; b <= a; b++) {
                            meat[a][b] += s[a] * s[b];
                        }
                    }
                }
                symmetrize(meat);
                double factor = (double) n / (n - kDof);
                return new Result(scale(Matrices.sandwich(bread, meat), factor), n - kDof, new int[0], -1, factor);
            }
            case CLUSTER -> {
                if (clusters == null || clusters.length == 0) {
                    throw new EstimationException("clustered variance requested without a cluster variable");
                }
                int dims = clusters.length;
                int[] counts = new int[dims];
                int[][] compact = new int[dims][];
                for (int d = 0; d < dims; d++) {
                    compact[d] = clusters[d].clone();
                    counts[d] = DemeanedSample.compact(compact[d]);
                    if (counts[d] < 2) {
                        String name = clusterNames != null && d < clusterNames.length ? clusterNames[d] : "dimension " + d;
                        throw new EstimationException("clustered variance needs at least 2 clusters; '" + name
                                + "' has " + counts[d]);
                    }
                }
                int gMin = Integer.MAX_VALUE;
                for (int c : counts) {
                    gMin = Math.min(gMin, c);
                }
                double[][] meat = new double[k][k];
                for (int mask = 1; mask < (1 << dims); mask++) {
                    List<int[]> parts = new ArrayList<>();
                    for (int d = 0; d < dims; d++) {
                        if ((mask & (1 << d)) != 0) {
                            parts.add(compact[d]);
                        }
                    }
                    int[] codes = parts.size() == 1 ? parts.get(0) : intersect(parts);
                    double sign = (Integer.bitCount(mask) % 2 == 1) ? 1.0 : -1.0;
                    double[][] m = clusterMeat(codes, x, resid, w);
                    for (int a = 0; a < k; a++) {
                        for (int b = 0; b < k; b++) {
                            meat[a][b] += sign * m[a][b];
                        }
                    }
                }
                double factor = (double) gMin / (gMin - 1) * (double) (n - 1) / (n - kDof);
                double[][] v = scale(Matrices.sandwich(bread, meat), factor);
                if (dims > 1) {
                    v = Matrices.clipNegativeEigenvalues(v);
                }
                return new Result(v, gMin - 1, counts, -1, factor);
            }
            case DRISCOLL_KRAAY -> {
                if (time == null) {
                    throw new EstimationException("Driscoll-Kraay variance requested without a time variable");
                }
                int[] t = time.clone();
                // order periods by time value
                java.util.TreeMap<Integer, Integer> order = new java.util.TreeMap<>();
                for (int v : t) {
                    order.putIfAbsent(v, 0);
                }
                int periods = 0;
                for (Map.Entry<Integer, Integer> e : order.entrySet()) {
                    e.setValue(periods++);
                }
                if (periods < 2) {
                    throw new EstimationException("Driscoll-Kraay variance needs at least 2 time periods");
                }
                int lag = requestedLag >= 0 ? requestedLag : (int) Math.floor(4.0 * Math.pow(periods / 100.0, 2.0 / 9.0));
                double[][] h = new double[periods][k];
                for (int i = 0; i < n; i++) {
                    int p = order.get(t[i]);
                    double f = w == null ? resid[i] : w[i] * resid[i];
                    for (int j = 0; j < k; j++) {
                        h[p][j] += x[j][i] * f;
                    }
                }
                double[][] meat = new double[k][k];
                for (int p = 0; p < periods; p++) {
                    for (int a = 0; a < k; a++) {
                        for (int b = 0; b < k; b++) {
                            meat[a][b] += h[p][a] * h[p][b];
                        }
                    }
                }
                for (int l = 1; l <= lag && l < periods; l++) {
                    double weight = 1.0 - l / (lag + 1.0);
                    for (int p = l; p < periods; p++) {
                        for (int a = 0; a < k; a++) {
                            for (int b = 0; b < k; b++) {
                                meat[a][b] += weight * (h[p][a] * h[p - l][b] + h[p - l][a] * h[p][b]);
                            }
                        }
                    }
                }
                double factor = (double) (n - 1) / (n - kDof);
                return new Result(scale(Matrices.sandwich(bread, meat), factor), n - kDof, new int[0], lag, factor);
            }
            default -> throw new EstimationException("unknown variance type " + type);
        }
    }

    /** Σ_g S_g S_g' with S_g = Σ_{i∈g} w_i x_i e_i; codes compact 0..G−1. */
    static double[][] clusterMeat(int[] codes, double[][] x, double[] resid, double[] w) {
        int k = x.length;
        int g = 0;
        for (int c : codes) {
            g = Math.max(g, c + 1);
        }
        double[] sums = new double[g * k];
        int n = codes.length;
        for (int i = 0; i < n; i++) {
            double f = w == null ? resid[i] : w[i] * resid[i];
            int base = codes[i] * k;
            for (int j = 0; j < k; j++) {
                sums[base + j] += x[j][i] * f;
            }
        }
        double[][] meat = new double[k][k];
        for (int c = 0; c < g; c++) {
            int base = c * k;
            for (int a = 0; a < k; a++) {
                double sa = sums[base + a];
                for (int b = 0; b <= a; b++) {
                    meat[a][b] += sa * sums[base + b];
                }
            }
        }
        symmetrize(meat);
        return meat;
    }

    private static int[] intersect(List<int[]> parts) {
        int n = parts.get(0).length;
        int[] out = new int[n];
        Map<List<Integer>, Integer> ids = new HashMap<>();
        for (int i = 0; i < n; i++) {
            List<Integer> key = new ArrayList<>(parts.size());
            for (int[] p : parts) {
                key.add(p[i]);
            }
            Integer id = ids.get(key);
            if (id == null) {
                id = ids.size();
                ids.put(key, id);
            }
            out[i] = id;
        }
        return out;
    }

    private static void symmetrize(double[][] m) {
        for (int a = 0; a < m.length; a++) {
            for (int b = 0; b < a; b++) {
                m[b][a] = m[a][b];
            }
        }
    }

    static double[][] scale(double[][] m, double f) {
        double[][] out = new double[m.length][m.length];
        for (int a = 0; a < m.length; a++) {
            for (int b = 0; b < m.length; b++) {
                out[a][b] = m[a][b] * f;
            }
        }
        return out;
    }
}
