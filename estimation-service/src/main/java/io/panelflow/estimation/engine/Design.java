package io.panelflow.estimation.engine;

/**
 * A complete-case numeric design for one regression: the formula layer has already evaluated the
 * terms and dropped every row with a missing or non-finite used value, so no array here holds NaN.
 *
 * @param y                 dependent variable, length n
 * @param x                 exogenous regressors, {@code x[j]} is column j (length n); may have no columns
 * @param fixedEffects      {@code fixedEffects[k][i]} is the level (0 .. levels−1) of row i in dimension k;
 *                          interactions such as {@code region^year} arrive combined into one dimension
 * @param weights           analytic weights, or null for none
 * @param endogenous        IV: endogenous regressors (no columns for OLS)
 * @param instruments       IV: excluded instruments (no columns for OLS)
 */
public record Design(double[] y, String yName,
                     double[][] x, String[] xNames,
                     int[][] fixedEffects, String[] fixedEffectNames,
                     double[] weights,
                     double[][] endogenous, String[] endogenousNames,
                     double[][] instruments, String[] instrumentNames) {

    public static Design ols(double[] y, String yName, double[][] x, String[] xNames,
                             int[][] fixedEffects, String[] fixedEffectNames) {
        return new Design(y, yName, x, xNames, fixedEffects, fixedEffectNames, null,
                new double[0][], new String[0], new double[0][], new String[0]);
    }

    public int rows() {
        return y.length;
    }

    public boolean isInstrumental() {
        return endogenous != null && endogenous.length > 0;
    }
}
