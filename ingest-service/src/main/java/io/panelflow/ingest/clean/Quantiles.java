package io.panelflow.ingest.clean;

import java.util.Arrays;

/**
 * Sample quantiles of type 7, R's default {@code quantile(x, p)}: for n sorted values x[1..n],
 * h = (n − 1)·p + 1 and Q(p) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]) (with x[n + 1] read as x[n]).
 */
public final class Quantiles {
    private Quantiles() {
    }

    /** The type-7 quantile of sorted values (no NaN); NaN for no values. */
    public static double type7(double[] sorted, double p) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("p must be in [0, 1]: " + p);
        }
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= n - 1) {
            return sorted[n - 1];
        }
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /** The non-missing values of {@code values}, sorted. */
    public static double[] sortedNonMissing(double[] values) {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
    }
}
