package io.panelflow.estimation.dml;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * Ordinary least squares with an intercept, {@code (b0, b) = argmin Σ_i (t_i − b0 − x_i'b)²}, solved by
 * a Householder QR decomposition of [1, X] (as R's {@code lm}). Covariates that are exactly collinear
 * (a diagonal element of R at most 1e-10 in absolute value, Commons Math's rule) make the fit
 * fail with {@link DmlException}; R would drop them instead.
 */
public final class OlsLearner implements NuisanceLearner {
    static final double SINGULARITY = 1e-10;

    @Override
    public LinearFit fit(double[][] x, double[] target) {
        int n = target.length;
        int p = x.length;
        if (n <= p + 1) {
            throw new DmlException("OLS needs more rows than parameters: " + n + " rows, " + (p + 1) + " parameters");
        }
        double[][] a = new double[n][p + 1];
        for (int i = 0; i < n; i++) {
            a[i][0] = 1.0;
            for (int j = 0; j < p; j++) {
                a[i][j + 1] = x[j][i];
            }
        }
        RealVector b;
        try {
            b = new QRDecomposition(new Array2DRowRealMatrix(a, false), SINGULARITY).getSolver()
                    .solve(new ArrayRealVector(target, false));
        } catch (SingularMatrixException e) {
            throw new DmlException("OLS: the covariates (with the intercept) are collinear on the training rows");
        }
        double[] slopes = new double[p];
        for (int j = 0; j < p; j++) {
            slopes[j] = b.getEntry(j + 1);
        }
        return new LinearFit(b.getEntry(0), slopes, 0);
    }

    @Override
    public String name() {
        return "ols";
    }
}
