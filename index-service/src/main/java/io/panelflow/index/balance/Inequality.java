package io.panelflow.index.balance;

import io.panelflow.index.IndexException;

/** Shared checks and the (weighted) mean {@code ȳ_w = Σ w_i y_i / Σ w_i} of the inequality measures. */
final class Inequality {

    private Inequality() {
    }

    static double mean(double[] y, double[] w) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < y.length; i++) {
            double wi = w == null ? 1 : w[i];
            if (!Double.isFinite(y[i])) {
                throw new IndexException("missing or non-finite value " + y[i]);
            }
            if (!(wi > 0) || !Double.isFinite(wi)) {
                throw new IndexException("weight " + wi + " is not positive");
            }
            num += wi * y[i];
            den += wi;
        }
        return num / den;
    }

    static void requireNonNegative(double[] y, String measure) {
        for (double v : y) {
            if (v < 0) {
                throw new IndexException(measure + " needs non-negative values, got " + v);
            }
        }
    }

    static void requirePositive(double[] y, String measure) {
        for (double v : y) {
            if (!(v > 0)) {
                throw new IndexException(measure + " needs positive values (it takes logarithms), got " + v);
            }
        }
    }
}
