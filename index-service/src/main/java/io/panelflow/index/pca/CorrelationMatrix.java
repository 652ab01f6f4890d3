package io.panelflow.index.pca;

import io.panelflow.index.IndexException;

/**
 * Column means, sample standard deviations (divisor n − 1), standardized values
 * {@code z_ij = (x_ij − mean_j) / sd_j} and the Pearson correlation matrix
 * {@code r_jk = Σ_i z_ij z_ik / (n − 1)} of a column-major data matrix. A constant column has no
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
        double[] sd = new double[p];
        double[][] z = new double[p][n];
        for (int j = 0; j < p; j++) {
            double s = 0;
            for (double v : columns[j]) {
                s += v;
            }
            double m = s / n;
            double ss = 0;
            for (double v : columns[j]) {
                ss += (v - m) * (v - m);
            }
            mean[j] = m;
            sd[j] = Math.sqrt(ss / (n - 1));
            if (!(sd[j] > 0)) {
                throw new IndexException("variable '" + variables[j] + "' is constant (sd = 0); it cannot be standardized");
            }
            for (int i = 0; i < n; i++) {
                z[j][i] = (columns[j][i] - m) / sd[j];
            }
        }
        double[][] r = new double[p][p];
        for (int j = 0; j < p; j++) {
            r[j][j] = 1.0;
            for (int k = j + 1; k < p; k++) {
                double cov = 0;
                for (int i = 0; i < n; i++) {
                    cov += (columns[j][i] - mean[j]) * (columns[k][i] - mean[k]);
                }
                double v = cov / (n - 1) / (sd[j] * sd[k]);
                r[j][k] = v;
                r[k][j] = v;
            }
        }
        return new CorrelationMatrix(variables.clone(), mean, sd, z, r);
    }

    public int observations() {
        return standardized.length == 0 ? 0 : standardized[0].length;
    }
}
