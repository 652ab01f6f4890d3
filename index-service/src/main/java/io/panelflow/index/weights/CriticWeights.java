package io.panelflow.index.weights;

import io.panelflow.index.IndexException;

/**
 * CRITIC weights (Diakoulaki, Mavrotas and Papayannakis 1995, "Criteria Importance Through
 * Intercriteria Correlation") from normalized indicators x'_ij (min–max with direction):
 * <pre>
 *   σ_j  = sample standard deviation of x'_j (divisor n − 1)      contrast intensity
 *   r_jk = Pearson correlation of x'_j and x'_k
 *   C_j  = σ_j Σ_k (1 − r_jk)                                     information content
 *   w_j  = C_j / Σ_k C_k
 * </pre>
 * The sample sd (n − 1) is used; the population sd would scale every σ_j by the same factor and
 * leave the weights unchanged. Needs at least two indicators and two units; all C_j = 0 (every
 * pair perfectly correlated) raises an {@link IndexException}.
 *
 * @param sd          σ_j
 * @param conflict    Σ_k (1 − r_jk)
 * @param information C_j
 * @param weights     w_j
 */
public record CriticWeights(double[] sd, double[] conflict, double[] information, double[] weights) {

    /** @param normalized column-major: {@code normalized[j][i]} is indicator j of unit i */
    public static CriticWeights compute(double[][] normalized, String[] indicators) {
        int m = normalized.length;
        if (m < 2) {
            throw new IndexException("CRITIC weights need at least 2 indicators, got " + m);
        }
        int n = normalized[0].length;
        if (n < 2) {
            throw new IndexException("CRITIC weights need at least 2 units, got " + n);
        }
        double[] mean = new double[m];
        double[] sd = new double[m];
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (double v : normalized[j]) {
                s += v;
            }
            mean[j] = s / n;
            double ss = 0;
            for (double v : normalized[j]) {
                ss += (v - mean[j]) * (v - mean[j]);
            }
            sd[j] = Math.sqrt(ss / (n - 1));
            if (!(sd[j] > 0)) {
                throw new IndexException("indicator '" + indicators[j] + "' is constant; CRITIC correlation undefined");
            }
        }
        double[] conflict = new double[m];
        double[] info = new double[m];
        double total = 0;
        for (int j = 0; j < m; j++) {
            double c = 0;
            for (int k = 0; k < m; k++) {
                if (k == j) {
                    continue;
                }
                double cov = 0;
                for (int i = 0; i < n; i++) {
                    cov += (normalized[j][i] - mean[j]) * (normalized[k][i] - mean[k]);
                }
                double r = cov / (n - 1) / (sd[j] * sd[k]);
                c += 1 - r;
            }
            conflict[j] = c;
            info[j] = sd[j] * c;
            total += info[j];
        }
        if (!(total > 0)) {
            throw new IndexException("CRITIC: every indicator pair is perfectly correlated; weights undefined");
        }
        double[] w = new double[m];
        for (int j = 0; j < m; j++) {
            w[j] = info[j] / total;
        }
        return new CriticWeights(sd, conflict, info, w);
    }
}
