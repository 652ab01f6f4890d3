package io.panelflow.estimation.did;

import io.panelflow.frame.PanelFrame;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Callaway–Sant'Anna with covariates (doubly robust) and with not-yet-treated controls. The shared E1 case holds
 * no number for either, so these check identities and independent computations on simulated panels with a known
 * effect.
 */
class DoublyRobustCovariatesTest {

    /**
     * With one binary covariate both nuisance models are saturated: the outcome regression is the comparison units'
     * mean change within each x cell, so the DR ATT(g, t) equals the treated-composition weighted difference of
     * cell means, Σ_x P(x | g)[mean ΔY(g, x) − mean ΔY(C, x)], computed here from the raw changes.
     */
    @Test
    void binaryCovariateGivesTheStratifiedDifferenceOfMeans() {
        PanelFrame f = SimulatedStaggered.panel(400, 10, 0.5, 0.08, 0.3, 3);
        StaggeredPanel p = StaggeredPanel.of(f, "y", "adopt", List.of("x"));
        for (ControlGroup control : ControlGroup.values()) {
            CallawaySantAnnaResult r = CallawaySantAnna.estimate(p, control);
            double[][] y = p.balancedOutcome();
            double[][] x = p.balancedCovariate(0);
            int[] periods = p.periods();
            int[] cohort = p.unitCohorts();
            for (GroupTimeAtt c : r.attGt()) {
                int tp = java.util.Arrays.binarySearch(periods, c.time());
                int bp = java.util.Arrays.binarySearch(periods, c.basePeriod());
                int later = Math.max(c.time(), c.basePeriod());
                double[] sumT = new double[2];
                double[] sumC = new double[2];
                int[] nT = new int[2];
                int[] nC = new int[2];
                for (int u = 0; u < cohort.length; u++) {
                    int xv = (int) x[u][0];
                    double d = y[u][tp] - y[u][bp];
                    if (cohort[u] == c.group()) {
                        sumT[xv] += d;
                        nT[xv]++;
                    } else if (cohort[u] == 0 || (control == ControlGroup.NOT_YET_TREATED && cohort[u] > later)) {
                        sumC[xv] += d;
                        nC[xv]++;
                    }
                }
                double expected = 0;
                for (int v = 0; v < 2; v++) {
                    expected += (double) nT[v] / (nT[0] + nT[1]) * (sumT[v] / nT[v] - sumC[v] / nC[v]);
                }
                assertEquals(expected, c.att(), 1e-10, control + " ATT(" + c.group() + "," + c.time() + ")");
                assertEquals(nC[0] + nC[1], c.controlUnits(), "comparison units");
            }
        }
    }

    /** x-specific trends bias the unconditional estimator; conditioning on x recovers the effect 0.5. */
    @Test
    void conditioningOnTheCovariateRemovesTheBias() {
        PanelFrame f = SimulatedStaggered.panel(2000, 10, 0.5, 0.08, 0.3, 11);
        AggregateEstimate plain = CallawaySantAnna.estimate(StaggeredPanel.of(f, "y", "adopt")).simple();
        CallawaySantAnnaResult dr = CallawaySantAnna.estimate(StaggeredPanel.of(f, "y", "adopt", List.of("x", "z")),
                ControlGroup.NEVER_TREATED);
        AggregateEstimate adjusted = dr.simple();
        assertTrue(Math.abs(plain.estimate() - 0.5) > 6 * plain.stdError(), "unconditional PT fails: " + plain);
        assertEquals(0.5, adjusted.estimate(), 3 * adjusted.stdError(), "DR: " + adjusted);
        assertTrue(adjusted.stdError() < 0.05, adjusted.toString());
        for (GroupTimeAtt c : dr.attGt()) {
            double truth = c.post() ? 0.5 : 0;
            assertEquals(truth, c.att(), 4 * c.stdError(), "ATT(" + c.group() + "," + c.time() + ")");
        }
        assertEquals(List.of("x", "z"), dr.covariates());
    }

    /**
     * The DR standard error against the spread of the estimate over 200 independent panels of the same design
     * (Monte Carlo; the ratio must be within 25% of one).
     */
    @Test
    void standardErrorMatchesTheMonteCarloSpread() {
        int reps = 200;
        double[] est = new double[reps];
        double seSum = 0;
        for (int r = 0; r < reps; r++) {
            PanelFrame f = SimulatedStaggered.panel(300, 6, 0.5, 0.08, 0.3, 1000 + r);
            AggregateEstimate a = CallawaySantAnna.estimate(StaggeredPanel.of(f, "y", "adopt", List.of("x", "z")),
                    ControlGroup.NEVER_TREATED).simple();
            est[r] = a.estimate();
            seSum += a.stdError();
        }
        double mean = java.util.Arrays.stream(est).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(est).map(v -> (v - mean) * (v - mean)).sum() / (reps - 1));
        double ratio = seSum / reps / sd;
        assertTrue(ratio > 0.75 && ratio < 1.25, "mean SE / Monte Carlo sd = " + ratio);
        assertEquals(0.5, mean, 3 * sd / Math.sqrt(reps), "unbiased over the replications");
    }

    /**
     * Not-yet-treated controls without covariates, computed independently: the difference of mean changes of the
     * cohort and of the never-treated plus later-cohort units, and the influence-function SE written out in
     * closed form, sqrt(Σ ψ²)/n with ψ = (n/n_g)(ΔY − mean_g) and −(n/n_C)(ΔY − mean_C).
     */
    @Test
    void notYetTreatedControlsIndependently() {
        PanelFrame f = SimulatedStaggered.panel(300, 10, 0.5, 0.0, 0.3, 5);
        StaggeredPanel p = StaggeredPanel.of(f, "y", "adopt");
        CallawaySantAnnaResult r = CallawaySantAnna.estimate(p, ControlGroup.NOT_YET_TREATED);
        assertEquals(ControlGroup.NOT_YET_TREATED, r.controlGroup());
        double[][] y = p.balancedOutcome();
        int[] periods = p.periods();
        int[] cohort = p.unitCohorts();
        int n = cohort.length;
        boolean someLater = false;
        for (GroupTimeAtt c : r.attGt()) {
            int tp = java.util.Arrays.binarySearch(periods, c.time());
            int bp = java.util.Arrays.binarySearch(periods, c.basePeriod());
            int later = Math.max(c.time(), c.basePeriod());
            double sg = 0;
            double sc = 0;
            int ng = 0;
            int nc = 0;
            for (int u = 0; u < n; u++) {
                double d = y[u][tp] - y[u][bp];
                if (cohort[u] == c.group()) {
                    sg += d;
                    ng++;
                } else if (cohort[u] == 0 || cohort[u] > later) {
                    sc += d;
                    nc++;
                    someLater |= cohort[u] > 0;
                }
            }
            double mg = sg / ng;
            double mc = sc / nc;
            double ss = 0;
            for (int u = 0; u < n; u++) {
                double d = y[u][tp] - y[u][bp];
                if (cohort[u] == c.group()) {
                    ss += Math.pow((double) n / ng * (d - mg), 2);
                } else if (cohort[u] == 0 || cohort[u] > later) {
                    ss += Math.pow((double) n / nc * (d - mc), 2);
                }
            }
            String what = "ATT(" + c.group() + "," + c.time() + ")";
            assertEquals(mg - mc, c.att(), 1e-12, what);
            assertEquals(Math.sqrt(ss) / n, c.stdError(), 1e-12 * c.stdError() + 1e-15, what + " se");
            assertEquals(nc, c.controlUnits(), what);
            assertEquals(c.post() ? 0.5 : 0, c.att(), 4 * c.stdError(), what + " near the truth");
        }
        assertTrue(someLater, "later cohorts serve as controls");
        // more controls than never-treated alone for the earliest cohort
        CallawaySantAnnaResult never = CallawaySantAnna.estimate(p, ControlGroup.NEVER_TREATED);
        assertTrue(r.attGt().get(0).controlUnits() > never.attGt().get(0).controlUnits());
    }

    @Test
    void notYetTreatedWorksWithoutNeverTreatedUnitsUntilTheLastCohort() {
        PanelFrame f = SimulatedStaggered.panel(200, 10, 0.5, 0.0, 0.3, 8);
        double[] a = f.numeric("adopt").clone();
        for (int i = 0; i < a.length; i++) {
            if (a[i] == 0) {
                a[i] = 2010;   // treated in the last year
            }
        }
        StaggeredPanel p = StaggeredPanel.of(f.withNumeric("adopt", a), "y", "adopt");
        DidException never = assertThrows(DidException.class, () -> CallawaySantAnna.estimate(p, ControlGroup.NEVER_TREATED));
        assertTrue(never.getMessage().contains("not-yet-treated"), never.getMessage());
        DidException last = assertThrows(DidException.class, () -> CallawaySantAnna.estimate(p, ControlGroup.NOT_YET_TREATED));
        assertTrue(last.getMessage().contains("has no comparison unit"), last.getMessage());
    }
}
