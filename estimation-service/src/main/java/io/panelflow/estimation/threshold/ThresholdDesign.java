package io.panelflow.estimation.threshold;

/**
 * The data of a single-threshold fixed-effects panel model (Hansen 1999)
 * <pre>  y_it = μ_i + β_1 x_it 1(q_it ≤ γ) + β_2 x_it 1(q_it &gt; γ) + δ' z_it + e_it</pre>
 * with one regime-dependent regressor x, common regressors z and unit effects μ_i.
 * All arrays are complete cases (no NaN) of the same length N.
 *
 * @param y            dependent variable
 * @param yName        its name
 * @param q            threshold variable
 * @param regime       the regime-dependent regressor x
 * @param regimeName   its name; the regime terms are reported as {@code <name>_low} and {@code <name>_high}
 * @param common       common regressors, {@code common[j]} is column j (may have no columns)
 * @param commonNames  their names
 * @param unit         unit (panel individual) code of each row; any non-negative integers. The unit
 *                     order used by the bootstrap draws is ascending code.
 * @param time         time of each row (orders the rows within a unit for the bootstrap), or null for
 *                     the row order
 */
public record ThresholdDesign(double[] y, String yName, double[] q,
                              double[] regime, String regimeName,
                              double[][] common, String[] commonNames,
                              int[] unit, int[] time) {

    public ThresholdDesign {
        if (y == null || q == null || regime == null || unit == null) {
            throw new ThresholdException("y, q, the regime-dependent regressor and the unit codes are required");
        }
        int n = y.length;
        check(q, n, "threshold variable q");
        check(y, n, yName);
        check(regime, n, regimeName);
        if (common == null) {
            common = new double[0][];
        }
        if (commonNames == null || commonNames.length != common.length) {
            throw new ThresholdException("need one name per common regressor (" + common.length + " columns)");
        }
        for (int j = 0; j < common.length; j++) {
            check(common[j], n, commonNames[j]);
        }
        if (unit.length != n) {
            throw new ThresholdException("unit codes have " + unit.length + " rows, y has " + n);
        }
        for (int u : unit) {
            if (u < 0) {
                throw new ThresholdException("unit codes must be non-negative, found " + u);
            }
        }
        if (time != null && time.length != n) {
            throw new ThresholdException("time has " + time.length + " rows, y has " + n);
        }
    }

    private static void check(double[] v, int n, String name) {
        if (v == null || v.length != n) {
            throw new ThresholdException("column '" + name + "' has " + (v == null ? 0 : v.length)
                    + " rows, y has " + n);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(v[i])) {
                throw new ThresholdException("column '" + name + "' has a missing or non-finite value at row " + i);
            }
        }
    }

    public int rows() {
        return y.length;
    }

    /** x·1(q ≤ γ). */
    public double[] regimeLow(double gamma) {
        double[] out = new double[y.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = q[i] <= gamma ? regime[i] : 0.0;
        }
        return out;
    }

    /** x·1(q &gt; γ). */
    public double[] regimeHigh(double gamma) {
        double[] out = new double[y.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = q[i] > gamma ? regime[i] : 0.0;
        }
        return out;
    }
}
