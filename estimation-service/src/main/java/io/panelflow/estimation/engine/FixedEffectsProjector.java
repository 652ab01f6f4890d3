package io.panelflow.estimation.engine;

import java.util.stream.IntStream;

/**
 * Residualizes columns on any number of fixed-effect dimensions (the within transformation).
 *
 * <p>For dimensions k = 1..D with level codes {@code c_k(i)} and analytic weights {@code w_i} (1 when
 * absent), the projector returns {@code x~ = M x}, the weighted least-squares residual of x on all
 * the fixed-effect dummies jointly. It is computed by alternating projections (Gauss–Seidel on the
 * normal equations): one sweep applies, for k = 1..D in turn,
 * <pre>  x_i ← x_i − (Σ_{j: c_k(j)=c_k(i)} w_j x_j) / (Σ_{j: c_k(j)=c_k(i)} w_j)</pre>
 * Every sweep subtracts a vector in the span of the dummies, so the limit is exactly {@code M x}.
 * After three plain sweeps the iteration is accelerated with Irons–Tuck extrapolation (as fixest):
 * with x1 = F(x0), x2 = F(x1), δ1 = x2 − x1, δ2 = x2 − 2x1 + x0, the next iterate is
 * {@code x2 − (δ1·δ2 / δ2·δ2) δ1}. Iteration stops when the sweep's total change
 * {@code Σ_k max_l |mean_k(l)|} is at most {@code tolerance · max_i |x_i|} (original column).
 * One dimension needs a single exact sweep; a balanced two-way panel converges in two.
 *
 * <p>The kernel works in place on primitive arrays; the subtraction of one dimension's means and
 * the accumulation of the next dimension's sums are fused into one pass over the rows. Several
 * columns are demeaned in parallel (one task per column).
 *
 * <p>A projector is built once per estimation sample (codes + weights) and reused for every model
 * of that sample, see {@link DemeanedSample}.
 */
public final class FixedEffectsProjector {
    private final int rows;
    private final int[][] codes;
    private final int[] levels;
    private final double[] weights;
    private final double[][] inverseGroupWeight;
    private final double tolerance;
    private final int maxIterations;
    private volatile int lastIterations;
    private volatile boolean lastConverged = true;

    /**
     * @param codes   {@code codes[k][i]}: level 0..L_k−1 of row i in dimension k (levels need not all occur)
     * @param weights analytic weights or null
     */
    public FixedEffectsProjector(int[][] codes, double[] weights, double tolerance, int maxIterations) {
        this.codes = codes;
        this.weights = weights;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.rows = codes.length == 0 ? (weights == null ? 0 : weights.length) : codes[0].length;
        this.levels = new int[codes.length];
        this.inverseGroupWeight = new double[codes.length][];
        for (int k = 0; k < codes.length; k++) {
            int[] c = codes[k];
            int max = -1;
            for (int v : c) {
                if (v < 0) {
                    throw new EstimationException("fixed-effect dimension " + k + " has a negative level code " + v);
                }
                if (v > max) {
                    max = v;
                }
            }
            levels[k] = max + 1;
            double[] sum = new double[max + 1];
            if (weights == null) {
                for (int v : c) {
                    sum[v] += 1.0;
                }
            } else {
                for (int i = 0; i < c.length; i++) {
                    sum[c[i]] += weights[i];
                }
            }
            for (int l = 0; l < sum.length; l++) {
                sum[l] = sum[l] > 0 ? 1.0 / sum[l] : 0.0;
            }
            inverseGroupWeight[k] = sum;
        }
    }

    public int rows() {
        return rows;
    }

    public int dimensions() {
        return codes.length;
    }

    /** Number of iterations (sweeps) of the last demeaned column, for diagnostics. */
    public int lastIterations() {
        return lastIterations;
    }

    public boolean lastConverged() {
        return lastConverged;
    }

    /** The residualized copy of {@code column}; the argument is not modified. */
    public double[] demean(double[] column) {
        double[] x = column.clone();
        demeanInPlace(x);
        return x;
    }

    /** Residualized copies of several columns, computed in parallel. */
    public double[][] demeanAll(double[][] columns) {
        double[][] out = new double[columns.length][];
        IntStream.range(0, columns.length).parallel().forEach(j -> out[j] = demean(columns[j]));
        return out;
    }

    /** Residualizes {@code x} in place. */
    public void demeanInPlace(double[] x) {
        int d = codes.length;
        if (d == 0) {
            return;
        }
        if (x.length != rows) {
            throw new EstimationException("column of length " + x.length + " for a sample of " + rows + " rows");
        }
        double scale = 0;
        for (double v : x) {
            scale = Math.max(scale, Math.abs(v));
        }
        if (scale == 0) {
            return;
        }
        double threshold = tolerance * scale;
        double[][] sums = new double[d][];
        for (int k = 0; k < d; k++) {
            sums[k] = new double[levels[k]];
        }
        accumulate(x, 0, sums[0]);
        if (d == 1) {
            double[] mean = sums[0];
            double[] inv = inverseGroupWeight[0];
            for (int l = 0; l < mean.length; l++) {
                mean[l] *= inv[l];
            }
            subtractAndAccumulate(x, 0, mean, null, -1);
            lastIterations = 1;
            lastConverged = true;
            return;
        }
        double[] x0 = null;
        double[] x1 = null;
        int iteration = 0;
        boolean converged = false;
        while (iteration < maxIterations) {
            boolean accelerate = iteration >= 3;
            if (accelerate) {
                if (x0 == null) {
                    x0 = new double[rows];
                    x1 = new double[rows];
                }
                System.arraycopy(x, 0, x0, 0, rows);
                sweep(x, sums);
                iteration++;
                System.arraycopy(x, 0, x1, 0, rows);
            }
            double change = sweep(x, sums);
            iteration++;
            if (change <= threshold) {
                converged = true;
                break;
            }
            if (accelerate) {
                extrapolate(x0, x1, x);
                java.util.Arrays.fill(sums[0], 0.0);
                accumulate(x, 0, sums[0]);
            }
        }
        lastIterations = iteration;
        lastConverged = converged;
    }

    /** Irons–Tuck: x ← x2 − (δ1·δ2 / δ2·δ2) δ1 with δ1 = x2 − x1, δ2 = x2 − 2 x1 + x0. */
    private static void extrapolate(double[] x0, double[] x1, double[] x2) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < x2.length; i++) {
            double d1 = x2[i] - x1[i];
            double d2 = d1 - (x1[i] - x0[i]);
            num += d1 * d2;
            den += d2 * d2;
        }
        if (den <= 0 || !Double.isFinite(num / den)) {
            return;
        }
        double a = num / den;
        for (int i = 0; i < x2.length; i++) {
            x2[i] -= a * (x2[i] - x1[i]);
        }
    }

    /**
     * One sweep over all dimensions; {@code sums[0]} holds dimension 0's weighted sums on entry and
     * the next sweep's dimension-0 sums on exit. Returns Σ_k max_l |mean_k(l)|.
     */
    private double sweep(double[] x, double[][] sums) {
        int d = codes.length;
        double change = 0;
        for (int k = 0; k < d; k++) {
            double[] s = sums[k];
            double[] inv = inverseGroupWeight[k];
            double max = 0;
            for (int l = 0; l < s.length; l++) {
                s[l] *= inv[l];
                double a = Math.abs(s[l]);
                if (a > max) {
                    max = a;
                }
            }
            change += max;
            int next = (k + 1) % d;
            java.util.Arrays.fill(sums[next], 0.0);
            subtractAndAccumulate(x, k, s, sums[next], next);
        }
        return change;
    }

    private void accumulate(double[] x, int k, double[] sum) {
        int[] c = codes[k];
        if (weights == null) {
            for (int i = 0; i < x.length; i++) {
                sum[c[i]] += x[i];
            }
        } else {
            double[] w = weights;
            for (int i = 0; i < x.length; i++) {
                sum[c[i]] += w[i] * x[i];
            }
        }
    }

    /** x_i −= mean[c_k(i)] and, when {@code next ≥ 0}, nextSum[c_next(i)] += w_i x_i (fused pass). */
    private void subtractAndAccumulate(double[] x, int k, double[] mean, double[] nextSum, int next) {
        int[] c = codes[k];
        if (next < 0) {
            for (int i = 0; i < x.length; i++) {
                x[i] -= mean[c[i]];
            }
            return;
        }
        int[] cn = codes[next];
        if (weights == null) {
            for (int i = 0; i < x.length; i++) {
                double v = x[i] - mean[c[i]];
                x[i] = v;
                nextSum[cn[i]] += v;
            }
        } else {
            double[] w = weights;
            for (int i = 0; i < x.length; i++) {
                double v = x[i] - mean[c[i]];
                x[i] = v;
                nextSum[cn[i]] += w[i] * v;
            }
        }
    }

    int[] levels() {
        return levels.clone();
    }

    int[][] codes() {
        return codes;
    }

    double[] weights() {
        return weights;
    }
}
