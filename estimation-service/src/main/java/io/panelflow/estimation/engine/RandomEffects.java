package io.panelflow.estimation.engine;

/**
 * One-way (unit) random-effects GLS with Swamy–Arora variance components, as plm's
 * {@code random.method = "swar"}. With n units, T_i rows of unit i, N rows and K slopes:
 * <ul>
 *   <li>within: σ²_e = RSS_within/(N − n − K)</li>
 *   <li>between: OLS of unit means ȳ_i on [1, x̄_i] (one row per unit), σ²_1 = T̄ · RSS_b/(n − K − 1),
 *       T̄ = N/n, σ²_u = (σ²_1 − σ²_e)/T̄</li>
 *   <li>θ_i = 1 − √(σ²_e / (T_i σ²_u + σ²_e)) (θ = 1 − √(σ²_e/σ²_1) on a balanced panel)</li>
 *   <li>GLS: OLS of y − θ_i ȳ_i on [(1 − θ_i), x − θ_i x̄_i];
 *       V = RSS* · (N − K − 1)^{-1} (X*'X*)^{-1}; z = b/se with two-sided standard-normal p-values (plm).</li>
 *   <li>R² = 1 − (RSS* over TSS*), TSS* about the mean of the transformed outcome (plm's summary).</li>
 * </ul>
 * The balanced case reproduces plm exactly; on unbalanced panels the between-variance uses T̄ = N/n
 * (plm's unbalanced Swamy–Arora uses a different trace correction, not reproduced here).
 */
public final class RandomEffects {

    /** A random-effects fit: coefficients with "(Intercept)" first, classical vcov, variance components. */
    public record Result(String[] terms, double[] coefficients, double[][] vcov, double[] stdErrors,
                         double[] statistics, double[] pValues, int nobs, int units, int dfResidual,
                         double sigma2Idiosyncratic, double sigma2Individual, double theta, double rssTransformed,
                         double r2, Estimate within) {
        public int indexOf(String term) {
            for (int j = 0; j < terms.length; j++) {
                if (terms[j].equals(term)) {
                    return j;
                }
            }
            return -1;
        }
    }

    private RandomEffects() {
    }

    public static Result fit(double[] y, String yName, double[][] x, String[] xNames, int[] unit) {
        int n = y.length;
        int[] codes = unit.clone();
        int units = DemeanedSample.compact(codes);
        Design fe = Design.ols(y, yName, x, xNames, new int[][]{codes}, new String[]{"unit"});
        Estimate within = FixedEffectsRegression.fit(fe, VcovRequest.iid(), EstimationOptions.DEFAULT);
        if (within.terms().length != x.length) {
            throw new EstimationException("random effects: regressors collinear in the within model: " + within.notes());
        }
        int k = x.length;
        double sigma2e = within.rss() / (n - units - k);
        // unit means
        double[] count = new double[units];
        for (int c : codes) {
            count[c]++;
        }
        double[] yBar = means(y, codes, count);
        double[][] xBar = new double[k][];
        for (int j = 0; j < k; j++) {
            xBar[j] = means(x[j], codes, count);
        }
        if (units - k - 1 <= 0) {
            throw new EstimationException("random effects: " + units + " units are too few for the between regression");
        }
        double[][] between = new double[k + 1][units];
        java.util.Arrays.fill(between[0], 1.0);
        for (int j = 0; j < k; j++) {
            between[j + 1] = xBar[j];
        }
        double[] rb = IvDiagnostics.residualOn(between, yBar, null);
        double rssB = Matrices.dot(rb, rb);
        double tBar = (double) n / units;
        double sigma2One = tBar * rssB / (units - k - 1);
        double sigma2u = Math.max((sigma2One - sigma2e) / tBar, 0.0);
        double[] theta = new double[units];
        for (int g = 0; g < units; g++) {
            theta[g] = 1 - Math.sqrt(sigma2e / (count[g] * sigma2u + sigma2e));
        }
        double[][] xs = new double[k + 1][n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            int g = codes[i];
            ys[i] = y[i] - theta[g] * yBar[g];
            xs[0][i] = 1 - theta[g];
            for (int j = 0; j < k; j++) {
                xs[j + 1][i] = x[j][i] - theta[g] * xBar[j][g];
            }
        }
        double[][] inv = Matrices.inverseSpd(Matrices.crossProduct(xs, xs, null));
        double[] b = Matrices.multiply(inv, Matrices.crossProduct(xs, ys, null));
        double[] r = FixedEffectsRegression.residuals(ys, xs, b);
        double rss = Matrices.dot(r, r);
        int df = n - k - 1;
        double[][] v = CovarianceEstimator.scale(inv, rss / df);
        String[] terms = FixedEffectsRegression.concat(new String[]{FixedEffectsRegression.INTERCEPT}, xNames);
        double[] se = new double[k + 1];
        double[] z = new double[k + 1];
        double[] p = new double[k + 1];
        for (int j = 0; j <= k; j++) {
            se[j] = Math.sqrt(v[j][j]);
            z[j] = b[j] / se[j];
            p[j] = Distributions.twoSidedNormal(z[j]);
        }
        double thetaReported = 1 - Math.sqrt(sigma2e / (tBar * sigma2u + sigma2e));
        double yMean = 0;
        for (double v0 : ys) {
            yMean += v0 / n;
        }
        double tss = 0;
        for (double v0 : ys) {
            tss += (v0 - yMean) * (v0 - yMean);
        }
        return new Result(terms, b, v, se, z, p, n, units, df, sigma2e, sigma2u, thetaReported, rss, 1 - rss / tss,
                within);
    }

    static double[] means(double[] v, int[] codes, double[] count) {
        double[] m = new double[count.length];
        for (int i = 0; i < v.length; i++) {
            m[codes[i]] += v[i];
        }
        for (int g = 0; g < m.length; g++) {
            m[g] /= count[g];
        }
        return m;
    }
}
