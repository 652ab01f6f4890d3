package io.panelflow.index.topsis;

import io.panelflow.index.IndexException;

/**
 * TOPSIS relative closeness to the ideal solution, from normalized indicators x'_ij (direction
 * already applied, so larger is better for every column) and weights w_j:
 * <pre>
 *   v_ij   = w_j x'_ij
 *   best_j = max_i v_ij,  worst_j = min_i v_ij        (= w_j and 0 under plain min–max)
 *   D+_i   = sqrt(Σ_j (v_ij − best_j)²),  D−_i = sqrt(Σ_j (v_ij − worst_j)²)
 *   C_i    = D−_i / (D+_i + D−_i)                      in [0, 1]
 * </pre>
 * A unit with D+ + D− = 0 (all units identical, impossible after min–max of non-constant
 * indicators) raises an {@link IndexException}.
 */
public record TopsisCloseness(double[] best, double[] worst, double[] distanceToBest, double[] distanceToWorst,
                              double[] closeness) {

    /** @param normalized column-major: {@code normalized[j][i]} is indicator j of unit i */
    public static TopsisCloseness compute(double[][] normalized, double[] weights) {
        int m = normalized.length;
        int n = m == 0 ? 0 : normalized[0].length;
        double[] best = new double[m];
        double[] worst = new double[m];
        for (int j = 0; j < m; j++) {
            double hi = Double.NEGATIVE_INFINITY;
            double lo = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double v = weights[j] * normalized[j][i];
                hi = Math.max(hi, v);
                lo = Math.min(lo, v);
            }
            best[j] = hi;
            worst[j] = lo;
        }
        double[] dPlus = new double[n];
        double[] dMinus = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            double sp = 0;
            double sm = 0;
            for (int j = 0; j < m; j++) {
                double v = weights[j] * normalized[j][i];
                sp += (v - best[j]) * (v - best[j]);
                sm += (v - worst[j]) * (v - worst[j]);
            }
            dPlus[i] = Math.sqrt(sp);
            dMinus[i] = Math.sqrt(sm);
            double total = dPlus[i] + dMinus[i];
            if (!(total > 0)) {
                throw new IndexException("TOPSIS: unit " + i + " is at zero distance from both ideal points; closeness undefined");
            }
            c[i] = dMinus[i] / total;
        }
        return new TopsisCloseness(best, worst, dPlus, dMinus, c);
    }
}
