package io.panelflow.estimation.did;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Degenerate staggered designs are rejected with a message naming the problem. */
class StaggeredPanelTest {

    private static StaggeredPanel panel(double[] unitCohort, boolean dropLast) {
        int units = unitCohort.length;
        int years = 4;
        int n = units * years - (dropLast ? 1 : 0);
        String[] keys = new String[n];
        int[] time = new int[n];
        double[] cohort = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int u = i / years;
            keys[i] = "u" + u;
            time[i] = 2000 + i % years;
            cohort[i] = unitCohort[u];
            y[i] = u + 0.1 * (i % years) + (cohort[i] > 0 && time[i] >= cohort[i] ? 0.5 : 0);
        }
        return StaggeredPanel.of(keys, time, cohort, y, "y");
    }

    @Test
    void cohortsOutsideThePeriodRangeAreNeverTreated() {
        StaggeredPanel p = panel(new double[]{0, 2002, 2010, -1}, false);
        assertArrayEquals(new int[]{0, 2002, 0, 0}, p.unitCohorts());
        assertArrayEquals(new int[]{2002}, p.cohorts());
    }

    @Test
    void noNeverTreatedUnits() {
        StaggeredPanel p = panel(new double[]{2002, 2003, 2002}, false);
        DidException e = assertThrows(DidException.class, () -> CallawaySantAnna.estimate(p));
        assertTrue(e.getMessage().contains("never-treated"), e.getMessage());
    }

    @Test
    void cohortWithoutPrePeriod() {
        DidException e = assertThrows(DidException.class, () -> panel(new double[]{0, 2000, 2002}, false));
        assertTrue(e.getMessage().contains("no pre-treatment period"), e.getMessage());
    }

    @Test
    void unbalancedPanel() {
        StaggeredPanel p = panel(new double[]{0, 2002, 2003}, true);
        DidException e = assertThrows(DidException.class, () -> CallawaySantAnna.estimate(p));
        assertTrue(e.getMessage().contains("unbalanced"), e.getMessage());
    }

    @Test
    void knownEffectIsRecovered() {
        CallawaySantAnnaResult r = CallawaySantAnna.estimate(panel(new double[]{0, 0, 2002, 2003, 2003}, false));
        for (GroupTimeAtt c : r.attGt()) {
            assertTrue(Math.abs(c.att() - (c.post() ? 0.5 : 0.0)) < 1e-12, c.toString());
        }
        assertTrue(Math.abs(r.simple().estimate() - 0.5) < 1e-12);
    }
}
