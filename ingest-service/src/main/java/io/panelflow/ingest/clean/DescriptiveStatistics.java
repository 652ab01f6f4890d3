package io.panelflow.ingest.clean;

import io.panelflow.model.result.DescriptiveStatistic;

/**
 * Descriptive statistics of a variable over its non-missing values, as journal tables print them:
 * Obs = n; Mean = Σx/n; Std. dev. = √(Σ(x − mean)²/(n − 1)) (NaN when n &lt; 2); Min; Median (the
 * type-7 quantile at 0.5, the usual median); Max. With no values every statistic is NaN.
 */
public final class DescriptiveStatistics {
    private DescriptiveStatistics() {
    }

    public static DescriptiveStatistic of(String variable, double[] values) {
        double[] x = Quantiles.sortedNonMissing(values);
        int n = x.length;
        if (n == 0) {
            return new DescriptiveStatistic(variable, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        double mean = sum / n;
        double squares = 0;
        for (double v : x) {
            squares += (v - mean) * (v - mean);
        }
        double sd = n < 2 ? Double.NaN : Math.sqrt(squares / (n - 1));
        return new DescriptiveStatistic(variable, n, mean, sd, x[0], Quantiles.type7(x, 0.5), x[n - 1]);
    }
}
