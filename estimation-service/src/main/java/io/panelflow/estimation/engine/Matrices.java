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

    /** Rows per segment of the cross products; segments are summed in order (deterministic). */
    private static final int SEGMENT = 1 << 16;
    /** Rows per cache block inside a segment. */
    private static final int BLOCK = 1 << 11;

    /**
     * Cross products G[j][k] = Σ_i w_i a_j(i) b_k(i) (w may be null), in one blocked pass over the rows
     * (segments of {@value #SEGMENT} rows in parallel, partial sums added in segment order).
     */
    static double[][] crossProduct(double[][] a, double[][] b, double[] w) {
        int ma = a.length;
        int mb = b.length;
        double[][] g = new double[ma][mb];
        if (ma == 0 || mb == 0) {
            return g;
        }
        boolean symmetric = a == b;
        int n = a[0].length;
        int segments = Math.max(1, (n + SEGMENT - 1) / SEGMENT);
        double[][] partial = new double[segments][];
        java.util.stream.IntStream range = java.util.stream.IntStream.range(0, segments);
        (segments > 1 ? range.parallel() : range).forEach(sg -> {
            double[] acc = new double[ma * mb];
            int from = (int) Math.min((long) sg * SEGMENT, n);
            int to = (int) Math.min((long) from + SEGMENT, n);
            for (int lo = from; lo < to; lo += BLOCK) {
                int hi = Math.min(lo + BLOCK, to);
                for (int j = 0; j < ma; j++) {
                    for (int k = symmetric ? j : 0; k < mb; k++) {
                        acc[j * mb + k] += dot(a[j], b[k], w, lo, hi);
                    }
                }
            }
            partial[sg] = acc;
        });
        for (double[] acc : partial) {
            for (int j = 0; j < ma; j++) {
                for (int k = symmetric ? j : 0; k < mb; k++) {
                    g[j][k] += acc[j * mb + k];
                }
            }
        }
        if (symmetric) {
            for (int j = 0; j < ma; j++) {
                for (int k = 0; k < j; k++) {
                    g[j][k] = g[k][j];
                }
            }
        }
        return g;
    }

    static double[] crossProduct(double[][] a, double[] y, double[] w) {
        double[][] g = crossProduct(a, new double[][]{y}, w);
        double[] out = new double[a.length];
        for (int j = 0; j < a.length; j++) {
            out[j] = g[j][0];
        }
        return out;
    }

    /** Σ_i w_i a_j(i)² for every column j (segments in parallel, summed in order). */
    static double[] sumsOfSquares(double[][] a, double[] w) {
        int m = a.length;
        double[] out = new double[m];
        if (m == 0) {
            return out;
        }
        int n = a[0].length;
        int segments = Math.max(1, (n + SEGMENT - 1) / SEGMENT);
        double[][] partial = new double[segments][];
        java.util.stream.IntStream range = java.util.stream.IntStream.range(0, segments);
        (segments > 1 ? range.parallel() : range).forEach(sg -> {
            double[] acc = new double[m];
            int from = (int) Math.min((long) sg * SEGMENT, n);
            int to = (int) Math.min((long) from + SEGMENT, n);
            for (int j = 0; j < m; j++) {
                acc[j] = dot(a[j], a[j], w, from, to);
            }
            partial[sg] = acc;
        });
        for (double[] acc : partial) {
            for (int j = 0; j < m; j++) {
                out[j] += acc[j];
            }
        }
        return out;
    }

    static double weightedDot(double[] a, double[] b, double[] w) {
        return dot(a, b, w, 0, a.length);
    }

    /** Σ_{i∈[from,to)} w_i a_i b_i with four independent partial sums. */
    static double dot(double[] a, double[] b, double[] w, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = from;
        if (w == null) {
            for (; i + 3 < to; i += 4) {
                s0 += a[i] * b[i];
                s1 += a[i + 1] * b[i + 1];
                s2 += a[i + 2] * b[i + 2];
                s3 += a[i + 3] * b[i + 3];
            }
            for (; i < to; i++) {
                s0 += a[i] * b[i];
            }
        } else {
            for (; i + 3 < to; i += 4) {
                s0 += w[i] * a[i] * b[i];
                s1 += w[i + 1] * a[i + 1] * b[i + 1];
                s2 += w[i + 2] * a[i + 2] * b[i + 2];
                s3 += w[i + 3] * a[i + 3] * b[i + 3];
            }
            for (; i < to; i++) {
                s0 += w[i] * a[i] * b[i];
            }
        }
        return (s0 + s1) + (s2 + s3);
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
