package io.panelflow.estimation.did;

import io.panelflow.estimation.engine.Distributions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Callaway and Sant'Anna (2021) group-time average treatment effects on a balanced panel, no anticipation and the
 * "varying" base period, as R did 2.1.2's {@code att_gt(base_period = "varying", est_method = "dr",
 * bstrap = FALSE)} with {@code control_group} never-treated or not-yet-treated ({@link ControlGroup}) and
 * covariates as its {@code xformla}.
 *
 * <p>For every treated cohort g and every period t except the first:
 * <pre>  b = last period before g        if t ≥ g (post; long difference from g − 1)
 *   b = period just before t        if t < g (pre; one-period placebo)</pre>
 * The cell's units are cohort g and the comparison units C (never treated; with not-yet-treated also the
 * units of other cohorts first treated after max(t, b)). ATT(g, t) is the doubly robust estimate
 * ({@link DoublyRobustDid}) on their changes ΔY = Y_t − Y_b with the covariates of the earlier of the two
 * periods (did 2.1.2 keeps the first period's row of each unit); without covariates it is
 * <pre>  ATT(g, t) = mean_{i∈g}(Y_it − Y_ib) − mean_{i∈C}(Y_it − Y_ib)</pre>
 * The cell's influence function is scaled by n/n₁ (n all units, n₁ the cell's units) and is 0 for the other
 * units, so that {@code SE = sqrt(Σ_i ψ_i²)/n} over all n units (clustered by unit), normal critical values,
 * no small-sample factor. Without covariates:
 * <pre>  ψ_i = (n/n_g)(ΔY_i − mean_g ΔY)      for i in cohort g
 *   ψ_i = −(n/n_C)(ΔY_i − mean_C ΔY)     for comparison units i</pre>
 * Aggregations and the pre-test are on {@link CallawaySantAnnaResult}.
 */
public final class CallawaySantAnna {
    private CallawaySantAnna() {
    }

    /** Never-treated comparison units, no covariates beyond those of the panel. */
    public static CallawaySantAnnaResult estimate(StaggeredPanel panel) {
        return estimate(panel, ControlGroup.NEVER_TREATED);
    }

    /**
     * @param control the comparison units; the panel's covariates enter the doubly robust estimator
     * @throws DidException when the panel is unbalanced, a cell has no comparison unit or no treated cohort exists
     */
    public static CallawaySantAnnaResult estimate(StaggeredPanel panel, ControlGroup control) {
        double[][] y = panel.balancedOutcome();
        int k = panel.covariateNames().size();
        double[][][] cov = new double[k][][];
        for (int j = 0; j < k; j++) {
            cov[j] = panel.balancedCovariate(j);
        }
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
        if (nC == 0 && control == ControlGroup.NEVER_TREATED) {
            throw new DidException("no never-treated units: the never-treated comparison group is empty"
                    + " (control-group: not-yet-treated uses the later cohorts)");
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
                int later = periods[Math.max(p, b)];
                int early = Math.min(p, b);
                List<Integer> members = new ArrayList<>();
                int controls = 0;
                for (int u = 0; u < n; u++) {
                    if (unitCohort[u] == g) {
                        members.add(u);
                    } else if (control.isControl(unitCohort[u], g, later)) {
                        members.add(u);
                        controls++;
                    }
                }
                if (controls == 0) {
                    throw new DidException("ATT(" + g + ", " + t + ") has no comparison unit ("
                            + control.specName() + ")");
                }
                int n1 = members.size();
                double[] dy = new double[n1];
                boolean[] treated = new boolean[n1];
                double[][] x = new double[n1][k + 1];
                for (int r = 0; r < n1; r++) {
                    int u = members.get(r);
                    dy[r] = y[u][p] - y[u][b];
                    treated[r] = unitCohort[u] == g;
                    x[r][0] = 1;
                    for (int j = 0; j < k; j++) {
                        x[r][j + 1] = cov[j][u][early];
                    }
                }
                DoublyRobustDid.Cell cell;
                try {
                    cell = DoublyRobustDid.estimate(dy, treated, x);
                } catch (DidException e) {
                    throw new DidException("ATT(" + g + ", " + t + "): " + e.getMessage());
                }
                double[] psi = new double[n];
                double ss = 0;
                for (int r = 0; r < n1; r++) {
                    psi[members.get(r)] = (double) n / n1 * cell.influence()[r];
                    ss += psi[members.get(r)] * psi[members.get(r)];
                }
                double att = cell.att();
                double se = Math.sqrt(ss) / n;
                double z = att / se;
                cells.add(new GroupTimeAtt(g, t, periods[b], post, att, se, z, Distributions.twoSidedNormal(z),
                        att - q * se, att + q * se, controls));
                influence.add(psi);
            }
        }
        return new CallawaySantAnnaResult(n, periods, groups, groupSize, nC, unitCohort, cells,
                influence.toArray(double[][]::new), control, panel.covariateNames());
    }
}
