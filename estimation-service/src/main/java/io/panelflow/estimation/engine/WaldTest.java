package io.panelflow.estimation.engine;

/**
 * Wald test of linear restrictions {@code R b = r} with a coefficient covariance V:
 * <pre>  W = (R b − r)' (R V R')^{-1} (R b − r),   F = W / q   (q = rows of R)</pre>
 * with p-values {@code P(χ²_q > W)} and {@code P(F_{q, df2} > F)}; df2 is the model's residual
 * degrees of freedom (N − K, or G − 1 when clustered), as fixest's {@code wald()}.
 *
 * <p>{@link #difference} compares one coefficient across two independently estimated groups:
 * {@code z = (b_1 − b_2)/√(V_1 + V_2)}, W = z², df2 = min of the two models' residual df.
 *
 * <p>The test needs {@code R V R'} to be invertible. It is not when the restrictions are dependent,
 * or when V is a one-way clustered covariance and q exceeds G − 1 (the G cluster scores sum to zero,
 * so such a V has rank at most G − 1): an event study with many leads and lags on 31 provinces, say.
 * Then {@link SingularCovarianceException} says why, and callers report the statistic as unavailable
 * (as fixest leaves the F out) instead of losing the model. Singularity is judged as R's {@code solve}
 * does: a reciprocal condition number (smallest over largest eigenvalue) below the machine epsilon.
 */
public final class WaldTest {

    public record Result(double chi2, int df1, double chi2PValue, double f, int df2, double fPValue) {
    }

    private WaldTest() {
    }

    public static Result test(Estimate e, double[][] restriction, double[] value) {
        return test(e.coefficients(), e.vcov(), restriction, value, e.dfResidual());
    }

    /** Joint test that the named coefficients are all zero. */
    public static Result zero(Estimate e, String... terms) {
        int[] idx = new int[terms.length];
        for (int i = 0; i < terms.length; i++) {
            idx[i] = e.indexOf(terms[i]);
            if (idx[i] < 0) {
                throw new EstimationException("no coefficient named '" + terms[i] + "' in the model");
            }
        }
        return zero(e.coefficients(), e.vcov(), idx, e.dfResidual(), e.clusterCounts());
    }

    /**
     * Joint test that the coefficients at {@code idx} are zero; {@code clusterCounts} (may be null)
     * are the cluster dimensions' sizes of a clustered V, used for the rank bound.
     */
    static Result zero(double[] b, double[][] v, int[] idx, int df2, int[] clusterCounts) {
        if (clusterCounts != null && clusterCounts.length == 1 && idx.length > clusterCounts[0] - 1) {
            throw new SingularCovarianceException("the joint test of " + idx.length + " coefficients needs a covariance of rank "
                    + idx.length + ", but a covariance clustered on " + clusterCounts[0] + " clusters has rank at most "
                    + (clusterCounts[0] - 1));
        }
        double[][] r = new double[idx.length][b.length];
        for (int i = 0; i < idx.length; i++) {
            r[i][idx[i]] = 1.0;
        }
        return test(b, v, r, new double[idx.length], df2);
    }

    public static Result test(double[] b, double[][] v, double[][] restriction, double[] value, int df2) {
        int q = restriction.length;
        double[] d = new double[q];
        for (int i = 0; i < q; i++) {
            d[i] = Matrices.dot(restriction[i], b) - value[i];
        }
        double[][] rv = Matrices.multiply(restriction, v);
        double[][] middle = new double[q][q];
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < q; j++) {
                middle[i][j] = Matrices.dot(rv[i], restriction[j]);
            }
        }
        double[][] inv;
        try {
            requireWellConditioned(middle);
            inv = Matrices.inverseSpd(middle);
        } catch (SingularCovarianceException ex) {
            throw ex;
        } catch (EstimationException ex) {
            throw new SingularCovarianceException("the restrictions are linearly dependent or the covariance is singular");
        }
        double w = Matrices.dot(d, Matrices.multiply(inv, d));
        double f = w / q;
        return new Result(w, q, Distributions.upperChiSquared(w, q), f, df2, Distributions.upperF(f, q, df2));
    }

    /** Refuses a symmetric matrix whose reciprocal condition number is below the machine epsilon. */
    private static void requireWellConditioned(double[][] m) {
        double[] eigen = new org.apache.commons.math3.linear.EigenDecomposition(
                new org.apache.commons.math3.linear.Array2DRowRealMatrix(m, false)).getRealEigenvalues();
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double e : eigen) {
            max = Math.max(max, e);
            min = Math.min(min, e);
        }
        if (!(max > 0) || !(min > max * Math.ulp(1.0))) {
            throw new SingularCovarianceException("the covariance of the tested coefficients is singular "
                    + "(reciprocal condition number " + String.format(java.util.Locale.ROOT, "%.1e", Math.max(min, 0) / max)
                    + ")");
        }
    }

    /** Test of equal coefficients of {@code term} in two independently estimated groups. */
    public static Result difference(Estimate first, Estimate second, String term) {
        int a = first.indexOf(term);
        int b = second.indexOf(term);
        if (a < 0 || b < 0) {
            throw new EstimationException("coefficient '" + term + "' is missing in one of the groups");
        }
        double diff = first.coefficients()[a] - second.coefficients()[b];
        double var = first.vcov()[a][a] + second.vcov()[b][b];
        double w = diff * diff / var;
        int df2 = Math.min(first.dfResidual(), second.dfResidual());
        return new Result(w, 1, Distributions.upperChiSquared(w, 1), w, df2, Distributions.upperF(w, 1, df2));
    }
}
