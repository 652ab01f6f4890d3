package io.panelflow.estimation.engine;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/** Small dense linear algebra on {@code double[][]} (row-major K×K matrices, K small). */
final class Matrices {
    private Matrices() {
    }

    /** Rank of a symmetric positive semi-definite matrix: pivots ≤ tol · max diagonal are zero. */
    static int pivotedCholeskyRank(double[][] a, double relativeTolerance) {
        int m = a.length;
        double[][] r = new double[m][];
        for (int i = 0; i < m; i++) {
            r[i] = a[i].clone();
        }
        double maxDiag = 0;
        for (int i = 0; i < m; i++) {
            maxDiag = Math.max(maxDiag, r[i][i]);
        }
        if (maxDiag <= 0) {
            return 0;
        }
        double tol = relativeTolerance * maxDiag;
        int[] perm = new int[m];
        for (int i = 0; i < m; i++) {
            perm[i] = i;
        }
        int rank = 0;
        for (int k = 0; k < m; k++) {
            int best = k;
            for (int j = k + 1; j < m; j++) {
                if (r[perm[j]][perm[j]] > r[perm[best]][perm[best]]) {
                    best = j;
                }
            }
            int t = perm[k];
            perm[k] = perm[best];
            perm[best] = t;
            int p = perm[k];
            double pivot = r[p][p];
            if (pivot <= tol) {
                break;
            }
            rank++;
            double s = Math.sqrt(pivot);
            for (int j = k + 1; j < m; j++) {
                r[perm[j]][p] /= s;
            }
            for (int j = k + 1; j < m; j++) {
                int pj = perm[j];
                double ljk = r[pj][p];
                if (ljk == 0) {
                    continue;
                }
                for (int i = k + 1; i < m; i++) {
                    int pi = perm[i];
                    r[pi][pj] -= r[pi][p] * ljk;
                }
            }
        }
        return rank;
    }

    /** Inverse of a symmetric positive definite matrix by Cholesky; throws when not positive definite. */
    static double[][] inverseSpd(double[][] a) {
        int m = a.length;
        double[][] l = new double[m][m];
        for (int j = 0; j < m; j++) {
            double d = a[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            if (!(d > 0)) {
                throw new EstimationException("cross-product matrix is not positive definite (collinear regressors)");
            }
            l[j][j] = Math.sqrt(d);
            for (int i = j + 1; i < m; i++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = s / l[j][j];
            }
        }
        // inverse of L
        double[][] li = new double[m][m];
        for (int i = 0; i < m; i++) {
            li[i][i] = 1.0 / l[i][i];
            for (int j = 0; j < i; j++) {
                double s = 0;
                for (int k = j; k < i; k++) {
                    s -= l[i][k] * li[k][j];
                }
                li[i][j] = s / l[i][i];
            }
        }
        double[][] inv = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = i; k < m; k++) {
                    s += li[k][i] * li[k][j];
                }
                inv[i][j] = s;
                inv[j][i] = s;
            }
        }
        return inv;
    }

    static double[] multiply(double[][] a, double[] x) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                s += a[i][j] * x[j];
            }
            y[i] = s;
        }
        return y;
    }

    static double[][] multiply(double[][] a, double[][] b) {
        int m = a.length;
        int p = b[0].length;
        int q = b.length;
        double[][] c = new double[m][p];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < q; k++) {
                double aik = a[i][k];
                for (int j = 0; j < p; j++) {
                    c[i][j] += aik * b[k][j];
                }
            }
        }
        return c;
    }

    /** A·M·A for symmetric A (the sandwich bread·meat·bread). */
    static double[][] sandwich(double[][] bread, double[][] meat) {
        return multiply(multiply(bread, meat), bread);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Cross products G[j][k] = Σ_i w_i a_j(i) b_k(i) (w may be null). */
    static double[][] crossProduct(double[][] a, double[][] b, double[] w) {
        double[][] g = new double[a.length][b.length];
        boolean symmetric = a == b;
        for (int j = 0; j < a.length; j++) {
            for (int k = symmetric ? j : 0; k < b.length; k++) {
                double s = weightedDot(a[j], b[k], w);
                g[j][k] = s;
                if (symmetric) {
                    g[k][j] = s;
                }
            }
        }
        return g;
    }

    static double[] crossProduct(double[][] a, double[] y, double[] w) {
        double[] g = new double[a.length];
        for (int j = 0; j < a.length; j++) {
            g[j] = weightedDot(a[j], y, w);
        }
        return g;
    }

    static double weightedDot(double[] a, double[] b, double[] w) {
        double s = 0;
        if (w == null) {
            for (int i = 0; i < a.length; i++) {
                s += a[i] * b[i];
            }
        } else {
            for (int i = 0; i < a.length; i++) {
                s += w[i] * a[i] * b[i];
            }
        }
        return s;
    }

    /**
     * Makes a symmetric matrix positive semi-definite by setting its negative eigenvalues to zero:
     * {@code V = Q max(Λ, 0) Q'} (fixest applies the same correction to multiway clustered
     * matrices that come out non-PSD). Returns the input unchanged when already PSD.
     */
    static double[][] clipNegativeEigenvalues(double[][] v) {
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(v));
        double[] values = eig.getRealEigenvalues();
        boolean negative = false;
        for (double e : values) {
            if (e < 0) {
                negative = true;
                break;
            }
        }
        if (!negative) {
            return v;
        }
        RealMatrix q = eig.getV();
        int m = v.length;
        double[][] out = new double[m][m];
        for (int k = 0; k < m; k++) {
            double e = Math.max(values[k], 0);
            if (e == 0) {
                continue;
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    out[i][j] += e * q.getEntry(i, k) * q.getEntry(j, k);
                }
            }
        }
        return out;
    }
}
