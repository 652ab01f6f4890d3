package io.panelflow.index.entropy;

import io.panelflow.index.IndexException;

/**
 * Entropy weights of the indicators of one decision matrix (n units, m indicators), from the
 * normalized values x'_ij ≥ 0 (see {@code MinMaxNormalization}):
 * <pre>
 *   p_ij = x'_ij / Σ_i x'_ij
 *   e_j  = −(1 / ln n) Σ_i p_ij ln p_ij          with 0 · ln 0 = 0
 *   d_j  = 1 − e_j                               (divergence, degree of diversification)
 *   w_j  = d_j / Σ_k d_k
 * </pre>
 * The entropy score of unit i is {@code Σ_j w_j x'_ij} ({@code WeightedScore}).
 *
 * <p>Errors, never NaN: fewer than two units (ln n = 0), a column of zeros (no proportions), a
 * negative normalized value, or all divergences zero (every indicator uniform).
 *
 * @param indicators names, in column order
 * @param n          units of the matrix
 * @param entropy    e_j
 * @param divergence d_j
 * @param weights    w_j, summing to 1
 */
public record EntropyWeights(String[] indicators, int n, double[] entropy, double[] divergence, double[] weights) {

    public static EntropyWeights compute(double[][] normalized, String[] indicators) {
        int m = normalized.length;
        if (m == 0) {
            throw new IndexException("no indicators");
        }
        int n = normalized[0].length;
        if (n < 2) {
            throw new IndexException("the entropy method needs at least 2 units, got " + n);
        }
        double lnN = Math.log(n);
        double[] e = new double[m];
        double[] d = new double[m];
        double sumD = 0;
        for (int j = 0; j < m; j++) {
            double[] x = normalized[j];
            double total = 0;
            for (double v : x) {
                if (v < 0 || !Double.isFinite(v)) {
                    throw new IndexException("indicator '" + indicators[j] + "' has a negative or missing normalized value " + v);
                }
                total += v;
            }
            if (!(total > 0)) {
                throw new IndexException("indicator '" + indicators[j] + "' has only zero normalized values; its proportions are undefined");
            }
            double s = 0;
            for (double v : x) {
                double p = v / total;
                if (p > 0) {
                    s += p * Math.log(p);
                }
            }
            e[j] = -s / lnN;
            d[j] = 1 - e[j];
            sumD += d[j];
        }
        if (!(sumD > 0)) {
            throw new IndexException("every indicator has entropy 1 (uniform proportions); entropy weights are undefined");
        }
        double[] w = new double[m];
        for (int j = 0; j < m; j++) {
            w[j] = d[j] / sumD;
        }
        return new EntropyWeights(indicators.clone(), n, e, d, w);
    }
}
