package io.panelflow.index.balance;

import io.panelflow.index.IndexException;

/**
 * Coefficient of variation of y over the units of one group-year:
 * <pre>
 *   sample (method cv, as S4 and S13):        CV = s / ȳ,   s² = Σ (y_i − ȳ)² / (n − 1)
 *   population (method cv-population):         CV = σ / ȳ,   σ² = Σ (y_i − ȳ)² / n
 *   weighted (a weight column is given):       CV_w = sqrt(Σ w_i (y_i − ȳ_w)² / Σ w_i) / ȳ_w,
 *                                              ȳ_w = Σ w_i y_i / Σ w_i   (Williamson's index)
 * </pre>
 * One unit: CV = 0 by definition here (no dispersion among one unit; the sample sd itself is
 * undefined, which R reports as NA). A mean ≤ 0 raises an {@link IndexException}.
 */
public final class CoefficientOfVariation {

    private CoefficientOfVariation() {
    }

    public static double sample(double[] y) {
        return of(y, null, true);
    }

    public static double population(double[] y) {
        return of(y, null, false);
    }

    /** @param w weights (null for unweighted); weighted CV always uses the population form */
    public static double of(double[] y, double[] w, boolean sampleSd) {
        int n = y.length;
        if (n == 0) {
            throw new IndexException("coefficient of variation of no units");
        }
        double mean = Inequality.mean(y, w);
        if (!(mean > 0)) {
            throw new IndexException("coefficient of variation: mean " + mean + " is not positive");
        }
        if (n == 1) {
            return 0;
        }
        double ss = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            ss += wi * (y[i] - mean) * (y[i] - mean);
            total += wi;
        }
        double var = w == null && sampleSd ? ss / (n - 1) : ss / total;
        return Math.sqrt(var) / mean;
    }
}
