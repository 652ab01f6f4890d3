package io.panelflow.estimation.dml;

import java.util.Arrays;

/**
 * A K-fold partition of the rows for cross-fitting, from a given fold label per row (the labels
 * sorted ascending are folds 1..K). For fold k the nuisance functions are fitted on the rows with
 * another label (training) and predicted on the rows with label k (held out).
 *
 * @param labels the distinct labels, ascending
 * @param rows   {@code rows[k]}: the row indices with label {@code labels[k]}, ascending
 * @param n      number of rows
 */
public record CrossFitFolds(int[] labels, int[][] rows, int n) {

    public static CrossFitFolds fromLabels(int[] fold) {
        int[] labels = Arrays.stream(fold).distinct().sorted().toArray();
        if (labels.length < 2) {
            throw new DmlException("cross-fitting needs at least 2 folds, the fold column has " + labels.length);
        }
        int[][] rows = new int[labels.length][];
        for (int k = 0; k < labels.length; k++) {
            int label = labels[k];
            rows[k] = java.util.stream.IntStream.range(0, fold.length).filter(i -> fold[i] == label).toArray();
        }
        return new CrossFitFolds(labels, rows, fold.length);
    }

    public int count() {
        return labels.length;
    }

    /** Rows outside fold k, ascending. */
    public int[] training(int k) {
        boolean[] held = new boolean[n];
        for (int i : rows[k]) {
            held[i] = true;
        }
        return java.util.stream.IntStream.range(0, n).filter(i -> !held[i]).toArray();
    }

    /** The given rows of every column. */
    static double[][] subset(double[][] x, int[] idx) {
        double[][] out = new double[x.length][];
        for (int j = 0; j < x.length; j++) {
            out[j] = subset(x[j], idx);
        }
        return out;
    }

    static double[] subset(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int p = 0; p < idx.length; p++) {
            out[p] = v[idx[p]];
        }
        return out;
    }
}
