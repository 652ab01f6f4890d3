package io.panelflow.estimation.engine;

import java.util.Arrays;

/**
 * Degrees of freedom absorbed by fixed effects.
 *
 * <ul>
 *   <li>{@link #fixestCount}: fixest's default count {@code Σ_k L_k − (D − 1)} (one reference level
 *       removed per additional dimension), used for K_full, adj. R² and σ.</li>
 *   <li>{@link #exactRank}: the rank of the dummy matrix [D_1 … D_D] (fixest's {@code fixef.force_exact}).
 *       One dimension: L_1. Two: {@code L_1 + L_2 − C} with C the connected components of the bipartite
 *       level graph. Three or more: {@code L_1 + rank(M_1 [D_2 … D_D])}, the rank of the Gram matrix
 *       {@code B'B − B'D_1 (D_1'D_1)^{-1} D_1'B} by pivoted Cholesky (relative pivot tolerance 1e-9).</li>
 *   <li>{@link #nestedIn}: a fixed effect is nested in a cluster variable when each of its levels
 *       falls in a single cluster; fixest's {@code fixef.K = "nested"} then counts
 *       {@code K_full − Σ_{nested k} (L_k − 1)}.</li>
 * </ul>
 */
public final class FixedEffectsDegrees {
    /** Largest Gram matrix (levels beyond the first dimension) for which the exact rank is computed. */
    public static final int EXACT_RANK_LIMIT = 6000;

    private FixedEffectsDegrees() {
    }

    public static int fixestCount(int[] levels) {
        if (levels.length == 0) {
            return 0;
        }
        int sum = 0;
        for (int l : levels) {
            sum += l;
        }
        return sum - (levels.length - 1);
    }

    /** The exact rank of the fixed-effect dummies, or −1 when the design is too large to compute it. */
    public static int exactRank(int[][] codes, int[] levels) {
        int d = codes.length;
        if (d == 0) {
            return 0;
        }
        if (d == 1) {
            return levels[0];
        }
        if (d == 2) {
            return levels[0] + levels[1] - connectedComponents(codes[0], levels[0], codes[1], levels[1]);
        }
        int m = 0;
        int[] offset = new int[d];
        for (int k = 1; k < d; k++) {
            offset[k] = m;
            m += levels[k];
        }
        if (m > EXACT_RANK_LIMIT) {
            return -1;
        }
        int n = codes[0].length;
        double[][] gram = new double[m][m];
        int[] idx = new int[d - 1];
        for (int i = 0; i < n; i++) {
            for (int k = 1; k < d; k++) {
                idx[k - 1] = offset[k] + codes[k][i];
            }
            for (int a : idx) {
                for (int b : idx) {
                    gram[a][b] += 1.0;
                }
            }
        }
        // subtract, per level g of dimension 1, c_g c_g' / n_g
        int l0 = levels[0];
        int[] count = new int[l0 + 1];
        for (int i = 0; i < n; i++) {
            count[codes[0][i] + 1]++;
        }
        for (int g = 0; g < l0; g++) {
            count[g + 1] += count[g];
        }
        int[] order = new int[n];
        int[] pos = Arrays.copyOf(count, l0);
        for (int i = 0; i < n; i++) {
            order[pos[codes[0][i]]++] = i;
        }
        double[] c = new double[m];
        int[] touched = new int[m];
        boolean[] seen = new boolean[m];
        for (int g = 0; g < l0; g++) {
            int from = count[g];
            int to = count[g + 1];
            if (to == from) {
                continue;
            }
            int t = 0;
            for (int r = from; r < to; r++) {
                int i = order[r];
                for (int k = 1; k < d; k++) {
                    int a = offset[k] + codes[k][i];
                    c[a] += 1.0;
                    if (!seen[a]) {
                        seen[a] = true;
                        touched[t++] = a;
                    }
                }
            }
            double inv = 1.0 / (to - from);
            for (int p = 0; p < t; p++) {
                int a = touched[p];
                for (int q = 0; q < t; q++) {
                    int b = touched[q];
                    gram[a][b] -= c[a] * c[b] * inv;
                }
            }
            for (int p = 0; p < t; p++) {
                c[touched[p]] = 0;
                seen[touched[p]] = false;
            }
        }
        return levels[0] + Matrices.pivotedCholeskyRank(gram, 1e-9);
    }

    /** Connected components of the bipartite graph whose edges are the rows (a_i, b_i). */
    static int connectedComponents(int[] a, int la, int[] b, int lb) {
        int[] parent = new int[la + lb];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < a.length; i++) {
            int ra = find(parent, a[i]);
            int rb = find(parent, la + b[i]);
            if (ra != rb) {
                parent[ra] = rb;
            }
        }
        boolean[] present = new boolean[la + lb];
        for (int i = 0; i < a.length; i++) {
            present[a[i]] = true;
            present[la + b[i]] = true;
        }
        int components = 0;
        for (int v = 0; v < parent.length; v++) {
            if (present[v] && find(parent, v) == v) {
                components++;
            }
        }
        return components;
    }

    private static int find(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }

    /** Whether every level of {@code fe} belongs to exactly one cluster. */
    public static boolean nestedIn(int[] fe, int feLevels, int[] cluster) {
        int[] owner = new int[feLevels];
        Arrays.fill(owner, -1);
        for (int i = 0; i < fe.length; i++) {
            int o = owner[fe[i]];
            if (o == -1) {
                owner[fe[i]] = cluster[i];
            } else if (o != cluster[i]) {
                return false;
            }
        }
        return true;
    }
}
