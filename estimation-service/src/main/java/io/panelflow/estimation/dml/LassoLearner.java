package io.panelflow.estimation.dml;

/**
 * Lasso at one fixed penalty with glmnet's Gaussian objective and standardization
 * ({@code glmnet(x, y, alpha = 1, lambda = λ, standardize = TRUE, intercept = TRUE)}):
 * <pre>  min_{b0, b} (1/(2n)) Σ_i (y_i − b0 − x_i'b)² + λ Σ_j sd_j |b_j|,   sd_j = √((1/n) Σ_i (x_ij − x̄_j)²)</pre>
 * (population standard deviation on the training rows). With z_ij = (x_ij − x̄_j)/sd_j and β_j = sd_j b_j
 * this is the lasso on standardized covariates, solved by cyclic coordinate descent on the Gram matrix
 * <pre>  G = Z'Z/n,  c = Z'(y − ȳ)/n,   β_j ← S(c_j − Σ_{k≠j} G_jk β_k, λ) / G_jj,   S(a, λ) = sign(a) max(|a| − λ, 0)</pre>
 * until a full sweep moves no β_j by more than {@code tolerance · max(1, max_k |β_k|)}; then
 * b_j = β_j / sd_j and b0 = ȳ − Σ_j x̄_j b_j. glmnet's internal scaling of y leaves this objective
 * unchanged. A covariate with sd_j = 0 on the training rows gets b_j = 0 (glmnet excludes constant columns).
 *
 * <p>Written here rather than taken from a general ML library because the reference requires exact
 * parity with glmnet's objective scaling (1/(2n), penalty on the standardized scale, unpenalized
 * intercept) and a solver run to full convergence (the default tolerance 1e-15 is far below glmnet's
 * default 1e-7, which moves coefficients by about 1e-4); general libraries promise neither.
 */
public final class LassoLearner implements NuisanceLearner {
    private final double lambda;
    private final double tolerance;
    private final int maxSweeps;

    public LassoLearner(double lambda) {
        this(lambda, 1e-15, 1_000_000);
    }

    public LassoLearner(double lambda, double tolerance, int maxSweeps) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new DmlException("lasso penalty must be finite and non-negative, got " + lambda);
        }
        if (!(tolerance > 0) || maxSweeps < 1) {
            throw new DmlException("lasso tolerance must be positive and the sweep cap at least 1");
        }
        this.lambda = lambda;
        this.tolerance = tolerance;
        this.maxSweeps = maxSweeps;
    }

    public double lambda() {
        return lambda;
    }

    @Override
    public LinearFit fit(double[][] x, double[] target) {
        int n = target.length;
        int p = x.length;
        if (n < 2) {
            throw new DmlException("lasso needs at least 2 training rows, got " + n);
        }
        double yMean = mean(target);
        double[] yc = new double[n];
        for (int i = 0; i < n; i++) {
            yc[i] = target[i] - yMean;
        }
        double[] mean = new double[p];
        double[] sd = new double[p];
        double[][] z = new double[p][];
        for (int j = 0; j < p; j++) {
            if (x[j].length != n) {
                throw new DmlException("covariate " + (j + 1) + " has " + x[j].length + " rows, the target " + n);
            }
            mean[j] = mean(x[j]);
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double dv = x[j][i] - mean[j];
                ss += dv * dv;
            }
            sd[j] = Math.sqrt(ss / n);
            if (sd[j] > 0) {
                z[j] = new double[n];
                for (int i = 0; i < n; i++) {
                    z[j][i] = (x[j][i] - mean[j]) / sd[j];
                }
            }
        }
        double[][] g = new double[p][p];
        double[] c = new double[p];
        for (int j = 0; j < p; j++) {
            if (z[j] == null) {
                continue;
            }
            c[j] = dot(z[j], yc) / n;
            for (int k = 0; k <= j; k++) {
                if (z[k] != null) {
                    g[j][k] = dot(z[j], z[k]) / n;
                    g[k][j] = g[j][k];
                }
            }
        }
        double[] beta = new double[p];
        int sweep = 0;
        boolean converged = false;
        while (sweep < maxSweeps) {
            sweep++;
            double maxChange = 0;
            double maxAbs = 0;
            for (int j = 0; j < p; j++) {
                if (z[j] == null) {
                    continue;
                }
                double a = c[j];
                double[] gj = g[j];
                for (int k = 0; k < p; k++) {
                    if (k != j) {
                        a -= gj[k] * beta[k];
                    }
                }
                double updated = softThreshold(a, lambda) / gj[j];
                maxChange = Math.max(maxChange, Math.abs(updated - beta[j]));
                beta[j] = updated;
                maxAbs = Math.max(maxAbs, Math.abs(updated));
            }
            if (maxChange <= tolerance * Math.max(1.0, maxAbs)) {
                converged = true;
                break;
            }
        }
        if (!converged) {
            throw new DmlException("lasso coordinate descent did not converge in " + maxSweeps + " sweeps (lambda = "
                    + lambda + ")");
        }
        double[] b = new double[p];
        double b0 = yMean;
        for (int j = 0; j < p; j++) {
            b[j] = z[j] == null ? 0.0 : beta[j] / sd[j];
            b0 -= mean[j] * b[j];
        }
        return new LinearFit(b0, b, sweep);
    }

    static double softThreshold(double a, double lambda) {
        if (a > lambda) {
            return a - lambda;
        }
        if (a < -lambda) {
            return a + lambda;
        }
        return 0.0;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Override
    public String name() {
        return "lasso(" + lambda + ")";
    }
}
