package io.panelflow.index.pca;

import io.panelflow.index.IndexException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.special.Gamma;

/**
 * Bartlett's test of sphericity (H0: R = I), as psych::cortest.bartlett:
 * <pre>
 *   χ² = −((n − 1) − (2p + 5)/6) ln det R,   df = p(p − 1)/2,   p-value = P(χ²_df &gt; χ²)
 * </pre>
 * with det R from the LU decomposition and the upper tail from the regularized incomplete gamma
 * function {@code Q(df/2, χ²/2)} (Apache Commons Math). det R ≤ 0 raises an {@link IndexException}.
 * ln det R of a near-singular R is determined only to a few digits.
 */
public record BartlettSphericityTest(double chiSquared, int degreesOfFreedom, double pValue, double determinant) {

    public static BartlettSphericityTest of(double[][] r, int observations) {
        int p = r.length;
        double det = new LUDecomposition(new Array2DRowRealMatrix(r, true), Double.MIN_NORMAL).getDeterminant();
        if (!(det > 0)) {
            throw new IndexException("Bartlett's test: det R = " + det + " is not positive (singular correlation matrix)");
        }
        double chi2 = -((observations - 1) - (2.0 * p + 5) / 6) * Math.log(det);
        int df = p * (p - 1) / 2;
        double pValue = Gamma.regularizedGammaQ(df / 2.0, chi2 / 2.0);
        return new BartlettSphericityTest(chi2, df, pValue, det);
    }
}
