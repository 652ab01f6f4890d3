package io.panelflow.estimation.engine;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One estimation sample with its fixed-effect structure, shared by every model fitted on it:
 * the rows kept (after optional singleton removal), the fixed-effect codes compacted to the levels
 * present, the weights, the {@link FixedEffectsProjector}, and a cache of demeaned columns keyed
 * by the identity of the caller's column array. Stepwise columns and robustness variants that use
 * the same arrays (same y, same regressor arrays) demean each column once.
 *
 * <p>Thread-safe; build it with {@link #of(Design, EstimationOptions)} and pass it to
 * {@link FixedEffectsRegression#fit(Design, VcovRequest, EstimationOptions, DemeanedSample)} for every
 * design that has the same rows, fixed-effect arrays and weights.
 */
public final class DemeanedSample {
    private final int designRows;
    private final boolean[] keptRows;
    private final int[] keptIndex;
    private final int singletonsDropped;
    private final int[][] codes;
    private final int[] levels;
    private final double[] weights;
    private final FixedEffectsProjector projector;
    private final int[][] sourceCodes;
    private final double[] sourceWeights;
    private final Map<double[], double[]> cache = new IdentityHashMap<>();

    private DemeanedSample(Design d, EstimationOptions o) {
        int n = d.rows();
        int[][] fe = d.fixedEffects() == null ? new int[0][] : d.fixedEffects();
        String[] feNames = d.fixedEffectNames();
        int[] maxCode = new int[fe.length];
        for (int k = 0; k < fe.length; k++) {
            String name = feNames != null && k < feNames.length ? feNames[k] : "fixed effect " + k;
            if (fe[k] == null || fe[k].length != n) {
                throw new EstimationException("fixed effect '" + name + "' has " + (fe[k] == null ? 0 : fe[k].length)
                        + " rows, the dependent variable " + n);
            }
            int min = 0;
            int max = -1;
            for (int v : fe[k]) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (min < 0) {
                throw new EstimationException("fixed effect '" + name + "' has a missing (negative) level code");
            }
            maxCode[k] = max;
        }
        this.designRows = n;
        this.sourceCodes = fe;
        this.sourceWeights = d.weights();
        boolean[] keep = o.dropSingletons() ? SingletonFilter.keptRows(fe, n) : all(n);
        int kept = 0;
        for (boolean b : keep) {
            if (b) {
                kept++;
            }
        }
        this.keptRows = keep;
        this.singletonsDropped = n - kept;
        this.keptIndex = new int[kept];
        for (int i = 0, p = 0; i < n; i++) {
            if (keep[i]) {
                keptIndex[p++] = i;
            }
        }
        this.codes = new int[fe.length][];
        this.levels = new int[fe.length];
        for (int k = 0; k < fe.length; k++) {
            int[] sub = new int[kept];
            levels[k] = compactSubset(fe[k], maxCode[k], sub);
            codes[k] = sub;
        }
        this.weights = d.weights() == null ? null : subset(d.weights());
        this.projector = new FixedEffectsProjector(codes, levels, weights, o.tolerance(), o.maxIterations());
    }

    /** Prepares the sample of a design (its rows, fixed effects and weights). */
    public static DemeanedSample of(Design d, EstimationOptions o) {
        return new DemeanedSample(d, o);
    }

    /** Whether a design has the same rows, fixed-effect arrays and weights as this sample. */
    public boolean matches(Design d) {
        int[][] fe = d.fixedEffects() == null ? new int[0][] : d.fixedEffects();
        if (d.rows() != designRows || fe.length != sourceCodes.length || d.weights() != sourceWeights) {
            return false;
        }
        for (int k = 0; k < fe.length; k++) {
            if (fe[k] != sourceCodes[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean[] all(int n) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, true);
        return b;
    }

    /** Renumbers codes to 0..L−1 in order of first appearance; returns L. */
    static int compact(int[] c) {
        int max = -1;
        for (int v : c) {
            max = Math.max(max, v);
        }
        int[] map = new int[max + 1];
        java.util.Arrays.fill(map, -1);
        int next = 0;
        for (int i = 0; i < c.length; i++) {
            int m = map[c[i]];
            if (m < 0) {
                m = next++;
                map[c[i]] = m;
            }
            c[i] = m;
        }
        return next;
    }

    /** {@code out = compact(subset(c))} in one pass; codes of c are in 0..max. Returns the level count. */
    private int compactSubset(int[] c, int max, int[] out) {
        int[] map = new int[max + 1];
        java.util.Arrays.fill(map, -1);
        int next = 0;
        boolean all = keptIndex.length == c.length;
        for (int p = 0; p < out.length; p++) {
            int v = c[all ? p : keptIndex[p]];
            int m = map[v];
            if (m < 0) {
                m = next++;
                map[v] = m;
            }
            out[p] = m;
        }
        return next;
    }

    double[] subset(double[] column) {
        if (keptIndex.length == column.length) {
            return column;
        }
        double[] out = new double[keptIndex.length];
        for (int p = 0; p < keptIndex.length; p++) {
            out[p] = column[keptIndex[p]];
        }
        return out;
    }

    /** The column restricted to the kept rows: the argument itself when every row is kept (do not modify). */
    int[] subset(int[] column) {
        if (keptIndex.length == column.length) {
            return column;
        }
        int[] out = new int[keptIndex.length];
        for (int p = 0; p < keptIndex.length; p++) {
            out[p] = column[keptIndex[p]];
        }
        return out;
    }

    /** The column restricted to the kept rows and residualized on the fixed effects (cached). */
    public double[] demeaned(double[] column) {
        synchronized (cache) {
            double[] hit = cache.get(column);
            if (hit != null) {
                return hit;
            }
        }
        return demeanedAll(new double[][]{column})[0];
    }

    /**
     * Demeans several columns, using and filling the cache; the missing ones are demeaned together in
     * one batch ({@link FixedEffectsProjector#demeanAll}).
     */
    public double[][] demeanedAll(double[][] columns) {
        double[][] out = new double[columns.length][];
        java.util.List<Integer> missing = new java.util.ArrayList<>();
        synchronized (cache) {
            for (int j = 0; j < columns.length; j++) {
                out[j] = cache.get(columns[j]);
                if (out[j] == null) {
                    boolean repeated = false;
                    for (int m : missing) {
                        repeated |= columns[m] == columns[j];
                    }
                    if (!repeated) {
                        missing.add(j);
                    }
                }
            }
        }
        if (missing.isEmpty()) {
            return out;
        }
        double[][] todo = new double[missing.size()][];
        for (int m = 0; m < todo.length; m++) {
            todo[m] = subset(columns[missing.get(m)]);
        }
        double[][] done = codes.length == 0 ? todo : projector.demeanAll(todo);
        synchronized (cache) {
            for (int m = 0; m < todo.length; m++) {
                cache.put(columns[missing.get(m)], done[m]);
            }
            for (int j = 0; j < columns.length; j++) {
                if (out[j] == null) {
                    out[j] = cache.get(columns[j]);
                }
            }
        }
        return out;
    }

    public boolean[] keptRows() {
        return keptRows.clone();
    }

    public int rows() {
        return keptIndex.length;
    }

    public int singletonsDropped() {
        return singletonsDropped;
    }

    public int[][] codes() {
        return codes;
    }

    public int[] levels() {
        return levels.clone();
    }

    public double[] weights() {
        return weights;
    }

    public FixedEffectsProjector projector() {
        return projector;
    }
}
