package io.panelflow.estimation.engine;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Residualizes columns on any number of fixed-effect dimensions (the within transformation).
 *
 * <p>For dimensions k = 1..D with level codes {@code c_k(i)} and analytic weights {@code w_i} (1 when
 * absent), the projector returns {@code x~ = M x = x − Σ_k α_k[c_k(i)]}, the weighted least-squares
 * residual of x on all the fixed-effect dummies jointly, where the α_k solve the normal equations of
 * the dummies.
 *
 * <p><b>Algorithm</b> (fixest's {@code demean}): alternating projections (block Gauss–Seidel) on the
 * fixed-effect <em>coefficients</em>, never on the n-vector. The dimensions are ordered by number of
 * levels, largest first (index 0). With the per-level weighted sums {@code S_k[l] = Σ_{c_k(i)=l} w_i x_i}
 * computed once, the update of dimension k given the others is
 * <pre>  α_k[l] ← (S_k[l] − Σ_{i: c_k(i)=l} w_i Σ_{j≠k} α_j[c_j(i)]) / Σ_{i: c_k(i)=l} w_i</pre>
 * (one pass over the rows; the inverse group weights are computed once per projector). One
 * application of the map F updates α_0 from X = (α_1..α_{D−1}) and then α_1, …, α_{D−1} in turn,
 * returning the new X. One dimension is solved exactly by one update. With D ≥ 2 the iteration is
 * accelerated with Irons–Tuck extrapolation on X (the small coefficient vector, α_0 excluded): from
 * X, GX = F(X), GGX = F(GX), with δ1 = GGX − GX and δ2 = δ1 − (GX − X), the next point is
 * {@code X ← GGX − (δ1·δ2 / δ2·δ2) δ1}.
 *
 * <p><b>Direct start</b> (when the dimensions other than the largest have at most
 * {@value #DIRECT_START_LIMIT} levels in total, e.g. year and industry beside unit): with B the dummies
 * of those dimensions and D_0 those of the largest, the free coefficients solve the Schur system
 * {@code (B'WB − B'WD_0 (D_0'WD_0)^{-1} D_0'WB) β = B'W (x − D_0 ᾱ_0)}, ᾱ_0 the group means of x in
 * dimension 0. The Schur matrix is built and factored (pivoted Cholesky, pivots ≤ 1e-10 of the largest
 * diagonal treated as zero: collinear fixed effects) once per projector; each column costs one pass
 * over the rows for its right-hand side. The iteration then starts at X = β and, being at the fixed
 * point up to rounding, normally stops after one or two applications of F — the stopping rule below
 * still decides, so an inaccurate start only costs iterations, never accuracy.
 *
 * <p><b>Stopping rule</b>: after every application of F, a column has converged when no coefficient
 * of X changed by more than {@code tolerance · max_i |x_i|} (the original column's scale); its
 * residual {@code x − Σ_k α_k[c_k(i)]} is then formed from the current coefficients. At the
 * iteration cap (applications of F) the current coefficients are used and {@link #lastConverged()}
 * reports false.
 *
 * <p><b>Layout</b>: several columns are demeaned together (one pass over the fixed-effect codes serves
 * all of them); their coefficients are interleaved ({@code α_k[l·P + p]} for column p of P), columns
 * leave the batch as they converge. Column batches are split over the available cores. Only
 * coefficient-sized buffers are allocated besides the outputs.
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
    /** Dimensions by decreasing number of levels. */
    private final int[] order;
    private final double tolerance;
    private final int maxIterations;
    /** Largest number of levels outside the largest dimension for which the direct start is used. */
    static final int DIRECT_START_LIMIT = 1000;
    private volatile Schur schur;
    private volatile boolean schurBuilt;
    private volatile int lastIterations;
    private volatile boolean lastConverged = true;

    /**
     * @param codes   {@code codes[k][i]}: level 0..L_k−1 of row i in dimension k (levels need not all occur)
     * @param weights analytic weights or null
     */
    public FixedEffectsProjector(int[][] codes, double[] weights, double tolerance, int maxIterations) {
        this(codes, null, weights, tolerance, maxIterations);
    }

    /** As the public constructor, with the level counts L_k already known (codes compact 0..L_k−1). */
    FixedEffectsProjector(int[][] codes, int[] knownLevels, double[] weights, double tolerance, int maxIterations) {
        this.codes = codes;
        this.weights = weights;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.rows = codes.length == 0 ? (weights == null ? 0 : weights.length) : codes[0].length;
        this.levels = new int[codes.length];
        this.inverseGroupWeight = new double[codes.length][];
        for (int k = 0; k < codes.length; k++) {
            int[] c = codes[k];
            int max;
            if (knownLevels != null) {
                max = knownLevels[k] - 1;
            } else {
                max = -1;
                for (int v : c) {
                    if (v < 0) {
                        throw new EstimationException("fixed-effect dimension " + k + " has a negative level code " + v);
                    }
                    if (v > max) {
                        max = v;
                    }
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
        Integer[] idx = new Integer[codes.length];
        for (int k = 0; k < idx.length; k++) {
            idx[k] = k;
        }
        Arrays.sort(idx, (a, b) -> levels[b] != levels[a] ? Integer.compare(levels[b], levels[a]) : Integer.compare(a, b));
        this.order = new int[idx.length];
        for (int k = 0; k < idx.length; k++) {
            order[k] = idx[k];
        }
    }

    public int rows() {
        return rows;
    }

    public int dimensions() {
        return codes.length;
    }

    /** Number of iterations (applications of the sweep map F) of the last demeaning call, for diagnostics. */
    public int lastIterations() {
        return lastIterations;
    }

    public boolean lastConverged() {
        return lastConverged;
    }

    /** The residualized copy of {@code column}; the argument is not modified. */
    public double[] demean(double[] column) {
        return demeanAll(new double[][]{column})[0];
    }

    /** Residualized copies of several columns (one batch per core); the arguments are not modified. */
    public double[][] demeanAll(double[][] columns) {
        double[][] out = new double[columns.length][];
        for (int j = 0; j < columns.length; j++) {
            if (columns[j].length != rows && codes.length > 0) {
                throw new EstimationException("column of length " + columns[j].length + " for a sample of " + rows + " rows");
            }
            out[j] = new double[columns[j].length];
        }
        run(columns, out);
        return out;
    }

    /** Residualizes {@code x} in place. */
    public void demeanInPlace(double[] x) {
        if (codes.length == 0) {
            return;
        }
        if (x.length != rows) {
            throw new EstimationException("column of length " + x.length + " for a sample of " + rows + " rows");
        }
        run(new double[][]{x}, new double[][]{x});
    }

    private void run(double[][] in, double[][] out) {
        int m = in.length;
        if (codes.length == 0) {
            for (int j = 0; j < m; j++) {
                if (out[j] != in[j]) {
                    System.arraycopy(in[j], 0, out[j], 0, in[j].length);
                }
            }
            lastIterations = 0;
            lastConverged = true;
            return;
        }
        if (m == 0) {
            return;
        }
        int threads = Math.max(1, Math.min(m, Runtime.getRuntime().availableProcessors()));
        int[] iterations = new int[threads];
        boolean[] converged = new boolean[threads];
        if (threads == 1) {
            Batch b = new Batch(in, out, 0, m);
            b.solve();
            iterations[0] = b.iterations;
            converged[0] = b.converged;
        } else {
            IntStream.range(0, threads).parallel().forEach(t -> {
                int from = (int) ((long) m * t / threads);
                int to = (int) ((long) m * (t + 1) / threads);
                Batch b = new Batch(in, out, from, to);
                b.solve();
                iterations[t] = b.iterations;
                converged[t] = b.converged;
            });
        }
        int it = 0;
        boolean ok = true;
        for (int t = 0; t < threads; t++) {
            it = Math.max(it, iterations[t]);
            ok &= converged[t];
        }
        lastIterations = it;
        lastConverged = ok;
    }

    /** Columns demeaned together; coefficients interleaved by column. */
    private final class Batch {
        private final double[][] in;
        private final double[][] out;
        /** Active columns: indices into in/out. */
        private int[] active;
        private int p;
        private double[] threshold;
        /** α_k (by original dimension index), interleaved. */
        private final double[][] alpha;
        /** S_k (weighted sums of x per level), interleaved. */
        private final double[][] sums;
        int iterations;
        boolean converged = true;
        /** Whether the free coefficients were set by the direct start. */
        private boolean started;

        Batch(double[][] in, double[][] out, int from, int to) {
            this.in = in;
            this.out = out;
            int d = codes.length;
            this.alpha = new double[d][];
            this.sums = new double[d][];
            int[] cols = new int[to - from];
            double[] thr = new double[to - from];
            int q = 0;
            for (int j = from; j < to; j++) {
                double[] x = in[j];
                double scale = 0;
                for (double v : x) {
                    scale = Math.max(scale, Math.abs(v));
                }
                if (scale == 0) {
                    if (out[j] != x) {
                        Arrays.fill(out[j], 0.0);
                    }
                    continue;
                }
                cols[q] = j;
                thr[q++] = tolerance * scale;
            }
            this.active = Arrays.copyOf(cols, q);
            this.threshold = Arrays.copyOf(thr, q);
            this.p = q;
        }

        void solve() {
            if (p == 0) {
                return;
            }
            int d = codes.length;
            for (int k = 0; k < d; k++) {
                sums[k] = new double[levels[k] * p];
                alpha[k] = new double[levels[k] * p];
            }
            accumulateSums();
            if (d == 1) {
                double[] a = alpha[0];
                System.arraycopy(sums[0], 0, a, 0, a.length);
                scaleByInverse(0, a);
                iterations = 1;
                finish(allActive());
                return;
            }
            Schur direct = schur();
            if (direct != null) {
                directStart(direct);
            }
            int free = d - 1;
            double[][] snapX = new double[free][];
            double[][] snapGx = new double[free][];
            while (true) {
                // X is in alpha (free part); keep a copy
                copyFree(snapX);
                apply();
                if (checkConverged(snapX, snapX, snapGx) || p == 0) {
                    return;
                }
                copyFree(snapGx);
                apply();
                if (checkConverged(snapGx, snapX, snapGx) || p == 0) {
                    return;
                }
                ironsTuck(snapX, snapGx);
            }
        }

        private int[] allActive() {
            int[] all = new int[p];
            for (int q = 0; q < p; q++) {
                all[q] = q;
            }
            return all;
        }

        private void copyFree(double[][] snap) {
            for (int f = 1; f < order.length; f++) {
                double[] a = alpha[order[f]];
                if (snap[f - 1] == null || snap[f - 1].length != a.length) {
                    snap[f - 1] = a.clone();
                } else {
                    System.arraycopy(a, 0, snap[f - 1], 0, a.length);
                }
            }
        }

        /**
         * Compares the free coefficients with {@code previous}; finishes converged columns (and all at
         * the iteration cap). Returns true when no column is left.
         */
        private boolean checkConverged(double[][] previous, double[][] snapX, double[][] snapGx) {
            double[] diff = new double[p];
            for (int f = 1; f < order.length; f++) {
                double[] a = alpha[order[f]];
                double[] b = previous[f - 1];
                for (int i = 0; i < a.length; i += p) {
                    for (int q = 0; q < p; q++) {
                        double dlt = Math.abs(a[i + q] - b[i + q]);
                        if (dlt > diff[q]) {
                            diff[q] = dlt;
                        }
                    }
                }
            }
            int done = 0;
            boolean cap = iterations >= maxIterations;
            boolean[] isDone = new boolean[p];
            for (int q = 0; q < p; q++) {
                if (cap || diff[q] <= threshold[q] || !(diff[q] == diff[q])) {
                    isDone[q] = true;
                    done++;
                }
            }
            if (cap && done > 0) {
                boolean allOk = true;
                for (int q = 0; q < p; q++) {
                    allOk &= diff[q] <= threshold[q];
                }
                converged &= allOk;
            }
            if (done == 0) {
                return false;
            }
            int[] fin = new int[done];
            int[] keep = new int[p - done];
            for (int q = 0, a = 0, b = 0; q < p; q++) {
                if (isDone[q]) {
                    fin[a++] = q;
                } else {
                    keep[b++] = q;
                }
            }
            finish(fin);
            if (keep.length == 0) {
                p = 0;
                return true;
            }
            repack(keep, snapX, snapGx);
            return false;
        }

        private void repack(int[] keep, double[][] snapX, double[][] snapGx) {
            int np = keep.length;
            for (int k = 0; k < codes.length; k++) {
                alpha[k] = select(alpha[k], levels[k], keep);
                sums[k] = select(sums[k], levels[k], keep);
            }
            for (int f = 0; f < snapX.length; f++) {
                int k = order[f + 1];
                if (snapX[f] != null) {
                    snapX[f] = select(snapX[f], levels[k], keep);
                }
                if (snapGx[f] != null) {
                    snapGx[f] = select(snapGx[f], levels[k], keep);
                }
            }
            int[] act = new int[np];
            double[] thr = new double[np];
            for (int q = 0; q < np; q++) {
                act[q] = active[keep[q]];
                thr[q] = threshold[keep[q]];
            }
            active = act;
            threshold = thr;
            p = np;
        }

        private double[] select(double[] a, int nLevels, int[] keep) {
            int np = keep.length;
            double[] r = new double[nLevels * np];
            for (int l = 0; l < nLevels; l++) {
                int src = l * p;
                int dst = l * np;
                for (int q = 0; q < np; q++) {
                    r[dst + q] = a[src + keep[q]];
                }
            }
            return r;
        }

        /** Irons–Tuck step per column on the free coefficients: X ← GGX − (δ1·δ2/δ2·δ2) δ1. */
        private void ironsTuck(double[][] x, double[][] gx) {
            double[] num = new double[p];
            double[] den = new double[p];
            for (int f = 1; f < order.length; f++) {
                double[] ggx = alpha[order[f]];
                double[] a = x[f - 1];
                double[] b = gx[f - 1];
                for (int i = 0; i < ggx.length; i += p) {
                    for (int q = 0; q < p; q++) {
                        double d1 = ggx[i + q] - b[i + q];
                        double d2 = d1 - (b[i + q] - a[i + q]);
                        num[q] += d1 * d2;
                        den[q] += d2 * d2;
                    }
                }
            }
            double[] coef = new double[p];
            for (int q = 0; q < p; q++) {
                double c = num[q] / den[q];
                coef[q] = den[q] > 0 && Double.isFinite(c) ? c : 0.0;
            }
            for (int f = 1; f < order.length; f++) {
                double[] ggx = alpha[order[f]];
                double[] b = gx[f - 1];
                for (int i = 0; i < ggx.length; i += p) {
                    for (int q = 0; q < p; q++) {
                        ggx[i + q] -= coef[q] * (ggx[i + q] - b[i + q]);
                    }
                }
            }
        }

        /**
         * Direct start: α_0 = S_0 / Σw, then the right-hand side of the Schur system
         * {@code r_k = S_k − Σ_{c_k(i)=l} w_i α_0[c_0(i)]} (one pass), solved for the free coefficients.
         */
        private void directStart(Schur sc) {
            int e = order[0];
            int pp = p;
            double[] a0 = alpha[e];
            System.arraycopy(sums[e], 0, a0, 0, a0.length);
            scaleByInverse(e, a0);
            int free = order.length - 1;
            int[][] fc = new int[free][];
            double[][] r = new double[free][];
            for (int f = 0; f < free; f++) {
                int k = order[f + 1];
                fc[f] = codes[k];
                r[f] = alpha[k];
                System.arraycopy(sums[k], 0, r[f], 0, r[f].length);
            }
            int[] c0 = codes[e];
            double[] w = weights;
            double[] v = new double[pp];
            for (int i = 0; i < rows; i++) {
                int t0 = c0[i] * pp;
                double wi = w == null ? 1.0 : w[i];
                for (int q = 0; q < pp; q++) {
                    v[q] = wi * a0[t0 + q];
                }
                for (int f = 0; f < free; f++) {
                    double[] rf = r[f];
                    int t = fc[f][i] * pp;
                    for (int q = 0; q < pp; q++) {
                        rf[t + q] -= v[q];
                    }
                }
            }
            double[] rhs = new double[sc.size];
            for (int q = 0; q < pp; q++) {
                for (int f = 0; f < free; f++) {
                    int off = sc.offset[f];
                    double[] rf = r[f];
                    for (int l = 0, nl = rf.length / pp; l < nl; l++) {
                        rhs[off + l] = rf[l * pp + q];
                    }
                }
                double[] beta = sc.solve(rhs);
                for (int f = 0; f < free; f++) {
                    int off = sc.offset[f];
                    double[] rf = r[f];
                    for (int l = 0, nl = rf.length / pp; l < nl; l++) {
                        rf[l * pp + q] = beta[off + l];
                    }
                }
            }
            started = true;
        }

        /** S_k[l·P+q] = Σ_{c_k(i)=l} w_i x_q(i) for every dimension, in one pass over the rows. */
        private void accumulateSums() {
            int d = codes.length;
            int pp = p;
            double[][] x = new double[pp][];
            for (int q = 0; q < pp; q++) {
                x[q] = in[active[q]];
            }
            double[] w = weights;
            double[] v = new double[pp];
            for (int i = 0; i < rows; i++) {
                double wi = w == null ? 1.0 : w[i];
                for (int q = 0; q < pp; q++) {
                    v[q] = wi * x[q][i];
                }
                for (int k = 0; k < d; k++) {
                    double[] s = sums[k];
                    int t = codes[k][i] * pp;
                    for (int q = 0; q < pp; q++) {
                        s[t + q] += v[q];
                    }
                }
            }
        }

        private void scaleByInverse(int k, double[] a) {
            double[] inv = inverseGroupWeight[k];
            for (int l = 0, i = 0; l < inv.length; l++) {
                double f = inv[l];
                for (int q = 0; q < p; q++, i++) {
                    a[i] *= f;
                }
            }
        }

        /** One application of F: α_0 from the others, then α_1 … α_{D−1} in turn. */
        private void apply() {
            for (int f = 0; f < order.length; f++) {
                if (f == 0 && iterations == 0 && !started) {
                    // the other coefficients start at zero: α_0 = S_0 / Σ w, no pass over the rows
                    double[] a = alpha[order[0]];
                    System.arraycopy(sums[order[0]], 0, a, 0, a.length);
                    scaleByInverse(order[0], a);
                    continue;
                }
                update(order[f]);
            }
            iterations++;
        }

        /** α_k ← (S_k − Σ_{c_k(i)=l} w_i Σ_{j≠k} α_j[c_j(i)]) / Σ w. */
        private void update(int k) {
            double[] a = alpha[k];
            System.arraycopy(sums[k], 0, a, 0, a.length);
            int d = codes.length;
            int[] ck = codes[k];
            int pp = p;
            double[] w = weights;
            if (d == 2) {
                int j = 1 - k;
                int[] cj = codes[j];
                double[] aj = alpha[j];
                if (pp == 1) {
                    if (w == null) {
                        for (int i = 0; i < rows; i++) {
                            a[ck[i]] -= aj[cj[i]];
                        }
                    } else {
                        for (int i = 0; i < rows; i++) {
                            a[ck[i]] -= w[i] * aj[cj[i]];
                        }
                    }
                } else {
                    for (int i = 0; i < rows; i++) {
                        int t = ck[i] * pp;
                        int s = cj[i] * pp;
                        double wi = w == null ? 1.0 : w[i];
                        for (int q = 0; q < pp; q++) {
                            a[t + q] -= wi * aj[s + q];
                        }
                    }
                }
            } else if (d == 3) {
                int j1 = k == 0 ? 1 : 0;
                int j2 = k == 2 ? 1 : 2;
                int[] c1 = codes[j1];
                int[] c2 = codes[j2];
                double[] a1 = alpha[j1];
                double[] a2 = alpha[j2];
                if (pp == 1) {
                    if (w == null) {
                        for (int i = 0; i < rows; i++) {
                            a[ck[i]] -= a1[c1[i]] + a2[c2[i]];
                        }
                    } else {
                        for (int i = 0; i < rows; i++) {
                            a[ck[i]] -= w[i] * (a1[c1[i]] + a2[c2[i]]);
                        }
                    }
                } else {
                    for (int i = 0; i < rows; i++) {
                        int t = ck[i] * pp;
                        int s1 = c1[i] * pp;
                        int s2 = c2[i] * pp;
                        double wi = w == null ? 1.0 : w[i];
                        for (int q = 0; q < pp; q++) {
                            a[t + q] -= wi * (a1[s1 + q] + a2[s2 + q]);
                        }
                    }
                }
            } else {
                double[] acc = new double[pp];
                for (int i = 0; i < rows; i++) {
                    Arrays.fill(acc, 0.0);
                    for (int j = 0; j < d; j++) {
                        if (j == k) {
                            continue;
                        }
                        double[] aj = alpha[j];
                        int s = codes[j][i] * pp;
                        for (int q = 0; q < pp; q++) {
                            acc[q] += aj[s + q];
                        }
                    }
                    int t = ck[i] * pp;
                    double wi = w == null ? 1.0 : w[i];
                    for (int q = 0; q < pp; q++) {
                        a[t + q] -= wi * acc[q];
                    }
                }
            }
            scaleByInverse(k, a);
        }

        /** out_q = x_q − Σ_k α_k[c_k(i)] for the given batch positions, in one pass over the rows. */
        private void finish(int[] positions) {
            int d = codes.length;
            int pp = p;
            int m = positions.length;
            double[][] x = new double[m][];
            double[][] o = new double[m][];
            for (int r = 0; r < m; r++) {
                x[r] = in[active[positions[r]]];
                o[r] = out[active[positions[r]]];
            }
            if (m == 1) {
                int pos = positions[0];
                double[] x0 = x[0];
                double[] o0 = o[0];
                if (d == 1) {
                    int[] c0 = codes[0];
                    double[] a0 = alpha[0];
                    for (int i = 0; i < rows; i++) {
                        o0[i] = x0[i] - a0[c0[i] * pp + pos];
                    }
                    return;
                }
                if (d == 2) {
                    int[] c0 = codes[0];
                    int[] c1 = codes[1];
                    double[] a0 = alpha[0];
                    double[] a1 = alpha[1];
                    for (int i = 0; i < rows; i++) {
                        o0[i] = x0[i] - (a0[c0[i] * pp + pos] + a1[c1[i] * pp + pos]);
                    }
                    return;
                }
            }
            double[] acc = new double[m];
            for (int i = 0; i < rows; i++) {
                for (int r = 0; r < m; r++) {
                    acc[r] = x[r][i];
                }
                for (int k = 0; k < d; k++) {
                    double[] a = alpha[k];
                    int t = codes[k][i] * pp;
                    if (d == 2 && k == 1) {
                        for (int r = 0; r < m; r++) {
                            o[r][i] = acc[r] - (alpha[0][codes[0][i] * pp + positions[r]] + a[t + positions[r]]);
                        }
                        break;
                    }
                    if (k == 0 && d > 2) {
                        for (int r = 0; r < m; r++) {
                            acc[r] = a[t + positions[r]];
                        }
                    } else if (k > 0 && d > 2) {
                        for (int r = 0; r < m; r++) {
                            acc[r] += a[t + positions[r]];
                        }
                    } else if (d == 1) {
                        for (int r = 0; r < m; r++) {
                            o[r][i] = acc[r] - a[t + positions[r]];
                        }
                    }
                }
                if (d > 2) {
                    for (int r = 0; r < m; r++) {
                        o[r][i] = x[r][i] - acc[r];
                    }
                }
            }
        }
    }

    /** The factored Schur system of the free dimensions, built once; null when not applicable. */
    private Schur schur() {
        if (!schurBuilt) {
            synchronized (this) {
                if (!schurBuilt) {
                    schur = buildSchur();
                    schurBuilt = true;
                }
            }
        }
        return schur;
    }

    /**
     * With B the dummies of the free dimensions and D_0 those of the largest one, the Schur complement
     * {@code G = B'WB − B'WD_0 (D_0'WD_0)^{-1} D_0'WB} (rows grouped by their level of dimension 0).
     */
    private Schur buildSchur() {
        int d = codes.length;
        if (d < 2) {
            return null;
        }
        int free = d - 1;
        int[] offset = new int[free];
        int m = 0;
        for (int f = 0; f < free; f++) {
            offset[f] = m;
            m += levels[order[f + 1]];
        }
        if (m > DIRECT_START_LIMIT) {
            return null;
        }
        int e = order[0];
        int[] c0 = codes[e];
        int l0 = levels[e];
        int n = rows;
        int[] start = new int[l0 + 1];
        for (int i = 0; i < n; i++) {
            start[c0[i] + 1]++;
        }
        for (int g = 0; g < l0; g++) {
            start[g + 1] += start[g];
        }
        int[] rowsByGroup = new int[n];
        int[] pos = Arrays.copyOf(start, l0);
        for (int i = 0; i < n; i++) {
            rowsByGroup[pos[c0[i]]++] = i;
        }
        int[][] fc = new int[free][];
        for (int f = 0; f < free; f++) {
            fc[f] = codes[order[f + 1]];
        }
        double[] inv0 = inverseGroupWeight[e];
        double[] g = new double[m * m];
        double[] c = new double[m];
        int[] touched = new int[m];
        int[] idx = new int[free];
        for (int grp = 0; grp < l0; grp++) {
            int from = start[grp];
            int to = start[grp + 1];
            int t = 0;
            for (int r = from; r < to; r++) {
                int i = rowsByGroup[r];
                double wi = weights == null ? 1.0 : weights[i];
                for (int f = 0; f < free; f++) {
                    int a = offset[f] + fc[f][i];
                    idx[f] = a;
                    if (c[a] == 0) {
                        touched[t++] = a;
                    }
                    c[a] += wi;
                }
                for (int f = 0; f < free; f++) {
                    int row = idx[f] * m;
                    for (int h = 0; h < free; h++) {
                        g[row + idx[h]] += wi;
                    }
                }
            }
            double inv = inv0[grp];
            for (int p = 0; p < t; p++) {
                int a = touched[p];
                double ca = c[a] * inv;
                int row = a * m;
                for (int q = 0; q < t; q++) {
                    int b = touched[q];
                    g[row + b] -= ca * c[b];
                }
            }
            for (int p = 0; p < t; p++) {
                c[touched[p]] = 0;
            }
        }
        return new Schur(m, offset, g);
    }

    /**
     * Pivoted Cholesky factor of the m×m Schur complement; pivots at most 1e-10 of the largest
     * diagonal are treated as zero (collinear fixed effects), their coefficients set to zero.
     */
    private static final class Schur {
        final int size;
        final int[] offset;
        private final int[] perm;
        private final int rank;
        /** Lower-triangular factor in pivot order, row-major rank×rank. */
        private final double[] l;

        Schur(int m, int[] offset, double[] g) {
            this.size = m;
            this.offset = offset;
            int[] pm = new int[m];
            for (int i = 0; i < m; i++) {
                pm[i] = i;
            }
            double maxDiag = 0;
            for (int i = 0; i < m; i++) {
                maxDiag = Math.max(maxDiag, g[i * m + i]);
            }
            double tol = 1e-10 * maxDiag;
            // in-place outer-product Cholesky with symmetric pivoting on a permuted copy
            double[] a = g.clone();
            int r = 0;
            for (int k = 0; k < m; k++) {
                int best = k;
                for (int j = k + 1; j < m; j++) {
                    if (a[j * m + j] > a[best * m + best]) {
                        best = j;
                    }
                }
                if (!(a[best * m + best] > tol)) {
                    break;
                }
                if (best != k) {
                    swapSymmetric(a, m, k, best);
                    int tmp = pm[k];
                    pm[k] = pm[best];
                    pm[best] = tmp;
                }
                double piv = Math.sqrt(a[k * m + k]);
                a[k * m + k] = piv;
                for (int i = k + 1; i < m; i++) {
                    a[i * m + k] /= piv;
                }
                for (int j = k + 1; j < m; j++) {
                    double ljk = a[j * m + k];
                    if (ljk == 0) {
                        continue;
                    }
                    for (int i = j; i < m; i++) {
                        a[i * m + j] -= a[i * m + k] * ljk;
                    }
                    for (int i = j + 1; i < m; i++) {
                        a[j * m + i] = a[i * m + j];
                    }
                }
                r++;
            }
            this.rank = r;
            this.perm = pm;
            this.l = new double[r * r];
            for (int i = 0; i < r; i++) {
                for (int j = 0; j <= i; j++) {
                    l[i * r + j] = a[i * m + j];
                }
            }
        }

        private static void swapSymmetric(double[] a, int m, int x, int y) {
            for (int i = 0; i < m; i++) {
                double t = a[x * m + i];
                a[x * m + i] = a[y * m + i];
                a[y * m + i] = t;
            }
            for (int i = 0; i < m; i++) {
                double t = a[i * m + x];
                a[i * m + x] = a[i * m + y];
                a[i * m + y] = t;
            }
        }

        /** A solution of G β = rhs (rhs in the range of G); coefficients beyond the rank are zero. */
        double[] solve(double[] rhs) {
            int r = rank;
            double[] z = new double[r];
            for (int i = 0; i < r; i++) {
                double s = rhs[perm[i]];
                for (int j = 0; j < i; j++) {
                    s -= l[i * r + j] * z[j];
                }
                z[i] = s / l[i * r + i];
            }
            for (int i = r - 1; i >= 0; i--) {
                double s = z[i];
                for (int j = i + 1; j < r; j++) {
                    s -= l[j * r + i] * z[j];
                }
                z[i] = s / l[i * r + i];
            }
            double[] beta = new double[size];
            for (int i = 0; i < r; i++) {
                beta[perm[i]] = z[i];
            }
            return beta;
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
