package io.panelflow.index.pca;

import io.panelflow.index.IndexException;

/**
 * Column means, sample standard deviations (divisor n − 1), standardized values
 * {@code z_ij = (x_ij − mean_j) / sd_j} and the Pearson correlation matrix of a column-major data
 * matrix, computed as R's {@code cor()} does:
 * <pre>
 *   c_jk = Σ_i (x_ij − mean_j)(x_ik − mean_k) / (n − 1),   sd_j = sqrt(c_jj),   r_jk = c_jk / (sd_j sd_k)
 * </pre> A constant column has no
 * standardization and raises an {@link IndexException}.
 */
public record CorrelationMatrix(String[] variables, double[] means, double[] sds, double[][] standardized,
                                double[][] correlation) {

    /** @param columns column-major: {@code columns[j][i]} is variable j of observation i */
    public static CorrelationMatrix of(double[][] columns, String[] variables) {
        int p = columns.length;
        int n = p == 0 ? 0 : columns[0].length;
        if (n < 3) {
            throw new IndexException("a correlation matrix needs at least 3 observations, got " + n);
        }
        double[] mean = new double[p];
        for (int j = 0; j < p; j++) {
            mean[j] = exactMean(columns[j]);
        }
        double[][] cov = new double[p][p];
        for (int j = 0; j < p; j++) {
            for (int k = j; k < p; k++) {
                cov[j][k] = exactCrossProduct(columns[j], mean[j], columns[k], mean[k]) / (n - 1);
                cov[k][j] = cov[j][k];
            }
        }
        double[] sd = new double[p];
        double[][] z = new double[p][n];
        for (int j = 0; j < p; j++) {
            sd[j] = Math.sqrt(cov[j][j]);
            if (!(sd[j] > 0)) {
                throw new IndexException("variable '" + variables[j] + "' is constant (sd = 0); it cannot be standardized");
            }
            for (int i = 0; i < n; i++) {
                z[j][i] = (columns[j][i] - mean[j]) / sd[j];
            }
        }
        double[][] r = new double[p][p];
        for (int j = 0; j < p; j++) {
            r[j][j] = 1.0;
            for (int k = j + 1; k < p; k++) {
                double v = Math.max(-1, Math.min(1, cov[j][k] / (sd[j] * sd[k])));
                r[j][k] = v;
                r[k][j] = v;
            }
        }
        return new CorrelationMatrix(variables.clone(), mean, sd, z, r);
    }

    /*
     * Sums are accumulated in double-double arithmetic (error-free transformations), so that the
     * mean and the cross products are the correctly rounded values, as R's cor() gets them with its
     * extended-precision accumulator. A near-singular R (an indicator the sum of others) amplifies
     * last-bit differences in r_jk into its smallest eigenvalue, KMO and Bartlett's statistic.
     */

    private static double exactMean(double[] x) {
        double hi = 0;
        double lo = 0;
        for (double v : x) {
            double s = hi + v;
            double bp = s - hi;
            lo += (hi - (s - bp)) + (v - bp);
            hi = s;
        }
        double n = x.length;
        double q = hi / n;
        double rest = Math.fma(-q, n, hi) + lo;
        return q + rest / n;
    }

    private static double exactCrossProduct(double[] x, double mx, double[] y, double my) {
        double hi = 0;
        double lo = 0;
        for (int i = 0; i < x.length; i++) {
            double dx = x[i] - mx;
            double dxl = twoDiffError(x[i], mx, dx);
            double dy = y[i] - my;
            double dyl = twoDiffError(y[i], my, dy);
            double ph = dx * dy;
            double pl = Math.fma(dx, dy, -ph) + (dx * dyl + dxl * dy);
            double s = hi + ph;
            double bp = s - hi;
            lo += (hi - (s - bp)) + (ph - bp) + pl;
            hi = s;
        }
        return hi + lo;
    }

    private static double twoDiffError(double a, double b, double d) {
        double bp = a - d;
        return (a - (d + bp)) + (bp - b);
    }

    public int observations() {
        return standardized.length == 0 ? 0 : standardized[0].length;
    }
}
