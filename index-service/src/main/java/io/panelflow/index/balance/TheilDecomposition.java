package io.panelflow.index.balance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exact between/within-group decomposition of a Theil index over units i in groups g, with
 * group income shares {@code S_g = Σ_{i∈g} s_i} and weight shares {@code P_g = Σ_{i∈g} p_i}
 * (shares of the totals, see {@link TheilIndex}):
 * <pre>
 *   Theil T:  T = T_between + T_within,  T_between = Σ_g S_g ln(S_g / P_g),  T_within = Σ_g S_g T_g
 *   Theil L:  L = L_between + L_within,  L_between = Σ_g P_g ln(P_g / S_g),  L_within = Σ_g P_g L_g
 * </pre>
 * where T_g, L_g are the group's own index over its units. The identity is exact; the residual
 * {@code total − between − within} is rounding (~1e-17).
 *
 * @param groups per group: its income share S_g, weight share P_g and own index
 */
public record TheilDecomposition(double total, double between, double within, Map<String, GroupPart> groups) {

    public record GroupPart(int units, double incomeShare, double weightShare, double theil) {
    }

    /**
     * @param y     measure per unit
     * @param w     weight per unit, or null
     * @param group group key per unit
     * @param meanLogDeviation false for Theil T, true for Theil L
     */
    public static TheilDecomposition of(double[] y, double[] w, String[] group, boolean meanLogDeviation) {
        double total = meanLogDeviation ? TheilIndex.l(y, w) : TheilIndex.t(y, w);
        double[] s = TheilIndex.incomeShares(y, w);
        double[] p = TheilIndex.weightShares(y.length, w);
        Map<String, java.util.List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < y.length; i++) {
            members.computeIfAbsent(group[i], k -> new java.util.ArrayList<>()).add(i);
        }
        double between = 0;
        double within = 0;
        Map<String, GroupPart> parts = new LinkedHashMap<>();
        for (var e : members.entrySet()) {
            int k = e.getValue().size();
            double[] yg = new double[k];
            double[] wg = w == null ? null : new double[k];
            double sg = 0;
            double pg = 0;
            for (int a = 0; a < k; a++) {
                int i = e.getValue().get(a);
                yg[a] = y[i];
                if (wg != null) {
                    wg[a] = w[i];
                }
                sg += s[i];
                pg += p[i];
            }
            double tg = meanLogDeviation ? TheilIndex.l(yg, wg) : TheilIndex.t(yg, wg);
            if (meanLogDeviation) {
                between += pg * Math.log(pg / sg);
                within += pg * tg;
            } else {
                if (sg > 0) {
                    between += sg * Math.log(sg / pg);
                }
                within += sg * tg;
            }
            parts.put(e.getKey(), new GroupPart(k, sg, pg, tg));
        }
        return new TheilDecomposition(total, between, within, parts);
    }

    public double betweenShare() {
        return total == 0 ? 0 : between / total;
    }

    public double withinShare() {
        return total == 0 ? 0 : within / total;
    }
}
