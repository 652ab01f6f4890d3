package io.panelflow.index.balance;

import io.panelflow.index.IndexException;

/**
 * Gini coefficient of y over the units of one group-year (mean absolute difference form, all pairs
 * including i = j, as S4 and S13):
 * <pre>
 *   unweighted: G = Σ_i Σ_j |y_i − y_j| / (2 n² ȳ)
 *   weighted:   G = Σ_i Σ_j w_i w_j |y_i − y_j| / (2 W² ȳ_w),  W = Σ w_i,  ȳ_w = Σ w_i y_i / W
 * </pre>
 * One unit: G = 0. Needs y ≥ 0 and a positive mean ({@link IndexException} otherwise).
 */
public final class GiniCoefficient {

    private GiniCoefficient() {
    }

    public static double of(double[] y) {
        return of(y, null);
    }

    public static double of(double[] y, double[] w) {
        int n = y.length;
        if (n == 0) {
            throw new IndexException("Gini coefficient of no units");
        }
        Inequality.requireNonNegative(y, "the Gini coefficient");
        double mean = Inequality.mean(y, w);
        if (!(mean > 0)) {
            throw new IndexException("Gini coefficient: mean " + mean + " is not positive");
        }
        double sum = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            total += wi;
            for (int j = 0; j < n; j++) {
                double wj = w == null ? 1 : w[j];
                sum += wi * wj * Math.abs(y[i] - y[j]);
            }
        }
        return sum / (2 * total * total * mean);
    }
}
