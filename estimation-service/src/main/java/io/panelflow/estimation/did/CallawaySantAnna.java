package io.panelflow.estimation.did;

import io.panelflow.estimation.engine.Distributions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Callaway and Sant'Anna (2021) group-time average treatment effects on a balanced panel, with
 * never-treated units as the comparison group, no covariates, no anticipation and the "varying" base period,
 * as R did 2.1.2's {@code att_gt(control_group = "nevertreated", base_period = "varying", xformla = ~1,
 * bstrap = FALSE)} (the doubly robust estimator without covariates is the difference of mean changes).
 *
 * <p>For every treated cohort g and every period t except the first, with C the never-treated units:
 * <pre>  b = last period before g        if t ≥ g (post; long difference from g − 1)
 *   b = period just before t        if t < g (pre; one-period placebo)
 *   ATT(g, t) = mean_{i∈g}(Y_it − Y_ib) − mean_{i∈C}(Y_it − Y_ib)</pre>
 * Influence function over all n units (clustered by unit):
 * <pre>  ψ_i = (n/n_g)(ΔY_i − mean_g ΔY)      for i in cohort g
 *   ψ_i = −(n/n_C)(ΔY_i − mean_C ΔY)     for never-treated i
 *   ψ_i = 0                              otherwise,     SE = sqrt(Σ_i ψ_i²)/n</pre>
 * with normal critical values and no small-sample factor. Aggregations and the pre-test are on
 * {@link CallawaySantAnnaResult}.
 */
public final class CallawaySantAnna {
    private CallawaySantAnna() {
    }

    /**
     * @throws DidException when the panel is unbalanced, has no never-treated units or no treated cohort
     */
    public static CallawaySantAnnaResult estimate(StaggeredPanel panel) {
        double[][] y = panel.balancedOutcome();
        int[] periods = panel.periods();
        int[] groups = panel.cohorts();
        int[] unitCohort = panel.unitCohorts();
        int n = unitCohort.length;
        if (groups.length == 0) {
            throw new DidException("no treated cohort: every unit is never treated in the sample");
        }
        int nC = 0;
        for (int c : unitCohort) {
            if (c == 0) {
                nC++;
            }
        }
        if (nC == 0) {
            throw new DidException("no never-treated units: the never-treated comparison group is empty");
        }
        int[] groupSize = new int[groups.length];
        for (int c : unitCohort) {
            if (c > 0) {
                groupSize[Arrays.binarySearch(groups, c)]++;
            }
        }
        List<GroupTimeAtt> cells = new ArrayList<>();
        List<double[]> influence = new ArrayList<>();
        double q = Distributions.tQuantile975(Double.POSITIVE_INFINITY);
        for (int gi = 0; gi < groups.length; gi++) {
            int g = groups[gi];
            int lastBefore = -1;
            for (int p = 0; p < periods.length; p++) {
                if (periods[p] < g) {
                    lastBefore = p;
                }
            }
            if (lastBefore < 0) {
                throw new DidException("cohort " + g + " has no pre-treatment period");
            }
            for (int p = 1; p < periods.length; p++) {
                int t = periods[p];
                boolean post = t >= g;
                int b = post ? lastBefore : p - 1;
                double sumG = 0;
                double sumC = 0;
                for (int u = 0; u < n; u++) {
                    double d = y[u][p] - y[u][b];
                    if (unitCohort[u] == g) {
                        sumG += d;
                    } else if (unitCohort[u] == 0) {
                        sumC += d;
                    }
                }
                double meanG = sumG / groupSize[gi];
                double meanC = sumC / nC;
                double[] psi = new double[n];
                double ss = 0;
                for (int u = 0; u < n; u++) {
                    double d = y[u][p] - y[u][b];
                    if (unitCohort[u] == g) {
                        psi[u] = (double) n / groupSize[gi] * (d - meanG);
                    } else if (unitCohort[u] == 0) {
                        psi[u] = -(double) n / nC * (d - meanC);
                    }
                    ss += psi[u] * psi[u];
                }
                double att = meanG - meanC;
                double se = Math.sqrt(ss) / n;
                double z = att / se;
                cells.add(new GroupTimeAtt(g, t, periods[b], post, att, se, z, Distributions.twoSidedNormal(z),
                        att - q * se, att + q * se));
                influence.add(psi);
            }
        }
        return new CallawaySantAnnaResult(n, periods, groups, groupSize, nC, unitCohort, cells,
                influence.toArray(double[][]::new));
    }
}
