package io.panelflow.estimation.engine;

/**
 * Iterative removal of singleton fixed-effect groups (reghdfe's default, fixest's
 * {@code fixef.rm = "singleton"}): a row whose level in some dimension occurs once among the kept
 * rows is removed, and the count is repeated until no singleton remains (removing a row can make
 * another group a singleton).
 */
public final class SingletonFilter {
    private SingletonFilter() {
    }

    /** The rows to keep; {@code codes[k][i]} are level codes 0..L_k−1. */
    public static boolean[] keptRows(int[][] codes, int rows) {
        boolean[] keep = new boolean[rows];
        java.util.Arrays.fill(keep, true);
        if (codes.length == 0) {
            return keep;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int[] c : codes) {
                int max = 0;
                for (int v : c) {
                    max = Math.max(max, v);
                }
                int[] count = new int[max + 1];
                for (int i = 0; i < rows; i++) {
                    if (keep[i]) {
                        count[c[i]]++;
                    }
                }
                for (int i = 0; i < rows; i++) {
                    if (keep[i] && count[c[i]] == 1) {
                        keep[i] = false;
                        changed = true;
                    }
                }
            }
        }
        return keep;
    }
}
