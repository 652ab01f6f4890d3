package io.panelflow.estimation.study;

import java.util.Arrays;

/** Sample quantiles of type 7 (R's default {@code quantile()}): with sorted x_(1..n), h = (n−1)p, Q = x_⌊h⌋ + (h−⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋). */
public final class Quantiles {
    private Quantiles() {
    }

    /** Type-7 quantile of the finite values; NaN when there are none. */
    public static double type7(double[] values, double p) {
        double[] x = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (x.length == 0) {
            return Double.NaN;
        }
        double h = (x.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, x.length - 1);
        return x[lo] + (h - lo) * (x[hi] - x[lo]);
    }
}
