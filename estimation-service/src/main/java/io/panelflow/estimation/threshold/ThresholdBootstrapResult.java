package io.panelflow.estimation.threshold;

/**
 * A bootstrap of a threshold test: F1 (one threshold against none) or, from {@link SequentialThresholdBootstrap},
 * F2 or F3 (the names keep the single-threshold case's).
 *
 * @param f1       the sample statistic F1
 * @param f1Star   F1* of every replication, in draw order
 * @param draws    {@code draws[b][j]}: position (0-based, ascending unit code) of the unit whose residuals
 *                 unit j receives in replication b
 * @param pValue   share of replications with F1* ≥ F1
 */
public record ThresholdBootstrapResult(double f1, double[] f1Star, int[][] draws, double pValue) {

    public int replications() {
        return f1Star.length;
    }

    /** The (1 − level) quantile of the bootstrap statistics (type 7, as R's default): the critical value at level. */
    public double criticalValue(double level) {
        double[] s = f1Star.clone();
        java.util.Arrays.sort(s);
        double h = (s.length - 1) * (1 - level);
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }
}
