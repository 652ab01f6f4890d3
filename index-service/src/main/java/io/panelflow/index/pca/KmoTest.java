package io.panelflow.index.pca;

import io.panelflow.index.IndexException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Kaiser–Meyer–Olkin measure of sampling adequacy (as psych::KMO), from the correlation matrix R
 * and its inverse (LU with partial pivoting, as R's {@code solve}):
 * <pre>
 *   a_ij        = −(R⁻¹)_ij / sqrt((R⁻¹)_ii (R⁻¹)_jj)                  anti-image (partial) correlation
 *   KMO         = Σ_{i≠j} r_ij² / (Σ_{i≠j} r_ij² + Σ_{i≠j} a_ij²)
 *   MSA_j       = Σ_{i≠j} r_ij² / (Σ_{i≠j} r_ij² + Σ_{i≠j} a_ij²)      over row j only
 * </pre>
 * A numerically singular R (a zero LU pivot, or a non-positive diagonal of R⁻¹) raises an
 * {@link IndexException}. Near-singular matrices (one indicator the sum of others) give KMO values
 * that depend on the algorithm in the 5th–6th significant digit.
 */
public record KmoTest(double overall, double[] perVariable) {

    public static KmoTest of(double[][] r, String[] variables) {
        int p = r.length;
        double[][] inv = inverse(r);
        double num = 0;
        double den = 0;
        double[] msa = new double[p];
        for (int j = 0; j < p; j++) {
            if (!(inv[j][j] > 0)) {
                throw new IndexException("KMO: the correlation matrix is singular or not positive definite (variable '"
                        + variables[j] + "')");
            }
        }
        for (int j = 0; j < p; j++) {
            double rowR = 0;
            double rowA = 0;
            for (int i = 0; i < p; i++) {
                if (i == j) {
                    continue;
                }
                double a = -inv[i][j] / Math.sqrt(inv[i][i] * inv[j][j]);
                rowR += r[i][j] * r[i][j];
                rowA += a * a;
            }
            msa[j] = rowR / (rowR + rowA);
            num += rowR;
            den += rowR + rowA;
        }
        return new KmoTest(num / den, msa);
    }

    static double[][] inverse(double[][] r) {
        RealMatrix m = new Array2DRowRealMatrix(r, true);
        LUDecomposition lu = new LUDecomposition(m, Double.MIN_NORMAL);
        if (!lu.getSolver().isNonSingular()) {
            throw new IndexException("the correlation matrix is singular (an indicator is a linear combination of others)");
        }
        return lu.getSolver().getInverse().getData();
    }
}
