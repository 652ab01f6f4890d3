package io.panelflow.estimation.threshold;

/**
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
}
