package io.panelflow.estimation.engine;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The Kleibergen–Paap (2006) rk statistic of H0: rank(Π) = K2 − 1 for the L × K2 first-stage coefficients Π of
 * the excluded instruments (after partialling out the exogenous regressors and fixed effects), as in ivreg2's
 * {@code ranktest} and Vcov.jl's {@code ranktest} (which fixest's {@code kpr} translates):
 * <pre>
 *   F = chol(Z'Z), G = chol(X'X) (upper), Θ = F Π G⁻¹ (L × K2), Θ = U S V'
 *   A⊥ = U₂ U₂₂⁻¹ (U₂₂ U₂₂')^½   (U₂ the last L − K2 + 1 left singular directions, U₂₂ their last rows)
 *   B⊥ = sign(v_KK) v_K'           (v_K the last right singular vector)
 *   λ = (B⊥ ⊗ A⊥') vec Θ,   rk = λ' (K V̂ K')⁻¹ λ,   K = B⊥ ⊗ A⊥'
 * </pre>
 * with V̂ the covariance of vec Θ: from the scores s_i = vec(z_i x_i') as V̂ = (G ⊗ F)'⁻¹ Ω (G ⊗ F)⁻¹ with
 * Ω = Σ_i s_i s_i' (heteroskedastic) or Σ_c (Σ_{i∈c} s_i)(…)' (clustered), times a small-sample factor; or in the
 * homoskedastic case V̂ = I/N. rk ~ χ²(L − K2 + 1).
 * <ul>
 *   <li>Wald form: X = the first-stage residuals (unrestricted), factor N/(N − K) (× G/(G − 1) clustered), the
 *       convention of fixest's {@code kpr} for one endogenous regressor; homoskedastic it is the Cragg–Donald
 *       N·min ρ²/(1 − ρ²).</li>
 *   <li>LM form: X = the endogenous regressors themselves (partialled out), no factor; homoskedastic it is
 *       Anderson's canonical-correlation LM N·min ρ².</li>
 * </ul>
 * ρ are the canonical correlations of the instruments and the endogenous regressors. B⊥ uses the last
 * column of V as in Kleibergen and Paap's partition (fixest's translation indexes the last row of V', the
 * same thing only for one endogenous regressor).
 */
public final class KleibergenPaapRank {
    /** How the covariance of vec Θ is estimated. */
    public enum Meat { HOMOSKEDASTIC, HETEROSKEDASTIC, CLUSTERED }

    private KleibergenPaapRank() {
    }

    /**
     * @param z       the L excluded instruments, partialled out ({@code z[j][i]})
     * @param e       the K2 endogenous regressors, partialled out (defines Π = (Z'Z)⁻¹Z'E)
     * @param x       the K2 columns whose cross product standardizes Θ and that form the scores with z: the
     *                first-stage residuals (Wald) or {@code e} (LM)
     * @param w       weights or null
     * @param meat    the covariance estimate
     * @param cluster cluster codes 0..G−1 (clustered only)
     * @param factor  small-sample factor of the covariance (not used homoskedastic)
     */
    public static double statistic(double[][] z, double[][] e, double[][] x, double[] w, Meat meat, int[] cluster,
                                   double factor) {
        int l = z.length;
        int k = e.length;
        if (l < k) {
            throw new EstimationException("the rank test needs at least as many instruments as endogenous regressors");
        }
        int n = z[0].length;
        RealMatrix zz = new Array2DRowRealMatrix(Matrices.crossProduct(z, z, w));
        RealMatrix ze = new Array2DRowRealMatrix(Matrices.crossProduct(z, e, w));
        RealMatrix pi = new LUDecomposition(zz).getSolver().solve(ze);                       // L × K
        RealMatrix f = new CholeskyDecomposition(zz, 1e-14, 1e-300).getLT();                   // upper, F'F = Z'Z
        RealMatrix g = new CholeskyDecomposition(new Array2DRowRealMatrix(Matrices.crossProduct(x, x, w)),
                1e-14, 1e-300).getLT();
        RealMatrix theta = f.multiply(pi).multiply(new LUDecomposition(g).getSolver().getInverse()); // L × K
        SingularValueDecomposition svd = new SingularValueDecomposition(theta);
        RealMatrix u = svd.getU();                                                                  // L × K
        RealMatrix v = svd.getV();                                                                  // K × K
        int q = l - k + 1;
        // U2: orthonormal basis of the complement of the first K − 1 left singular vectors
        RealMatrix proj = org.apache.commons.math3.linear.MatrixUtils.createRealIdentityMatrix(l);
        for (int c = 0; c < k - 1; c++) {
            RealMatrix uc = u.getColumnMatrix(c);
            proj = proj.subtract(uc.multiply(uc.transpose()));
        }
        EigenDecomposition eig = new EigenDecomposition(proj);
        double[][] u2 = new double[l][q];
        int filled = 0;
        double[] values = eig.getRealEigenvalues();
        for (int c = 0; c < values.length && filled < q; c++) {
            if (values[c] > 0.5) {
                double[] vec = eig.getEigenvector(c).toArray();
                for (int r = 0; r < l; r++) {
                    u2[r][filled] = vec[r];
                }
                filled++;
            }
        }
        if (filled != q) {
            throw new EstimationException("the rank test could not complete the singular vectors");
        }
        RealMatrix u2m = new Array2DRowRealMatrix(u2);
        RealMatrix u22 = u2m.getSubMatrix(k - 1, l - 1, 0, q - 1);
        RealMatrix a = u2m.multiply(new LUDecomposition(u22).getSolver().getInverse())
                .multiply(sqrtSymmetric(u22.multiply(u22.transpose())));                          // L × q
        double vkk = v.getEntry(k - 1, k - 1);
        double sign = vkk < 0 ? -1 : 1;
        double[] b = new double[k];
        for (int j = 0; j < k; j++) {
            b[j] = sign * v.getEntry(j, k - 1);
        }
        // kron = b ⊗ a' : q × (K L), column j·L + i
        double[][] kron = new double[q][k * l];
        for (int r = 0; r < q; r++) {
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < l; i++) {
                    kron[r][j * l + i] = b[j] * a.getEntry(i, r);
                }
            }
        }
        double[] vecTheta = new double[k * l];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < l; i++) {
                vecTheta[j * l + i] = theta.getEntry(i, j);
            }
        }
        double[] lambda = Matrices.multiply(kron, vecTheta);
        RealMatrix kr = new Array2DRowRealMatrix(kron);
        RealMatrix vlab;
        if (meat == Meat.HOMOSKEDASTIC) {
            vlab = kr.multiply(kr.transpose()).scalarMultiply(1.0 / n);
        } else {
            double[][] scores = new double[k * l][n];
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < l; i++) {
                    double[] s = scores[j * l + i];
                    for (int t = 0; t < n; t++) {
                        s[t] = (w == null ? 1 : w[t]) * z[i][t] * x[j][t];
                    }
                }
            }
            double[][] omega = new double[k * l][k * l];
            if (meat == Meat.CLUSTERED) {
                int groups = 0;
                for (int c : cluster) {
                    groups = Math.max(groups, c + 1);
                }
                double[][] sums = new double[groups][k * l];
                for (int t = 0; t < n; t++) {
                    for (int p = 0; p < k * l; p++) {
                        sums[cluster[t]][p] += scores[p][t];
                    }
                }
                for (double[] s : sums) {
                    addOuter(omega, s);
                }
            } else {
                double[] s = new double[k * l];
                for (int t = 0; t < n; t++) {
                    for (int p = 0; p < k * l; p++) {
                        s[p] = scores[p][t];
                    }
                    addOuter(omega, s);
                }
            }
            // K = (G ⊗ F)'; V̂ = K⁻¹ Ω K'⁻¹
            RealMatrix gf = kronecker(g, f);
            RealMatrix kInv = new LUDecomposition(gf.transpose()).getSolver().getInverse();
            RealMatrix vhat = kInv.multiply(new Array2DRowRealMatrix(omega)).multiply(kInv.transpose())
                    .scalarMultiply(factor);
            vlab = kr.multiply(vhat).multiply(kr.transpose());
        }
        double[] solved = new LUDecomposition(vlab).getSolver()
                .solve(new org.apache.commons.math3.linear.ArrayRealVector(lambda)).toArray();
        return Matrices.dot(lambda, solved);
    }

    private static void addOuter(double[][] m, double[] s) {
        for (int a = 0; a < s.length; a++) {
            for (int b = 0; b < s.length; b++) {
                m[a][b] += s[a] * s[b];
            }
        }
    }

    private static RealMatrix kronecker(RealMatrix a, RealMatrix b) {
        int ar = a.getRowDimension();
        int ac = a.getColumnDimension();
        int br = b.getRowDimension();
        int bc = b.getColumnDimension();
        RealMatrix out = new Array2DRowRealMatrix(ar * br, ac * bc);
        for (int i = 0; i < ar; i++) {
            for (int j = 0; j < ac; j++) {
                for (int p = 0; p < br; p++) {
                    for (int q = 0; q < bc; q++) {
                        out.setEntry(i * br + p, j * bc + q, a.getEntry(i, j) * b.getEntry(p, q));
                    }
                }
            }
        }
        return out;
    }

    /** The symmetric square root of a symmetric positive semi-definite matrix. */
    private static RealMatrix sqrtSymmetric(RealMatrix m) {
        EigenDecomposition e = new EigenDecomposition(m);
        RealMatrix vecs = e.getV();
        double[] d = e.getRealEigenvalues();
        RealMatrix out = new Array2DRowRealMatrix(m.getRowDimension(), m.getColumnDimension());
        for (int c = 0; c < d.length; c++) {
            RealMatrix col = vecs.getColumnMatrix(c);
            out = out.add(col.multiply(col.transpose()).scalarMultiply(Math.sqrt(Math.max(d[c], 0))));
        }
        return out;
    }
}
