package io.panelflow.estimation.engine;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Degenerate designs: collinear regressors, too few clusters, missing values, no residual df. */
class DegenerateDesignTest {
    private static final int UNITS = 20;
    private static final int YEARS = 6;

    private static int[] unit() {
        int[] u = new int[UNITS * YEARS];
        for (int i = 0; i < u.length; i++) {
            u[i] = i / YEARS;
        }
        return u;
    }

    private static int[] year() {
        int[] t = new int[UNITS * YEARS];
        for (int i = 0; i < t.length; i++) {
            t[i] = i % YEARS;
        }
        return t;
    }

    private static double[] noise(long seed) {
        Random r = new Random(seed);
        double[] v = new double[UNITS * YEARS];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    @Test
    void collinearRegressorIsDroppedAndNamed() {
        double[] x1 = noise(1);
        double[] x2 = noise(2);
        double[] sum = new double[x1.length];
        double[] y = noise(3);
        for (int i = 0; i < sum.length; i++) {
            sum[i] = x1[i] + 2 * x2[i];
            y[i] += 0.5 * x1[i];
        }
        Design d = Design.ols(y, "y", new double[][]{x1, x2, sum}, new String[]{"x1", "x2", "x1 + 2 x2"},
                new int[][]{unit(), year()}, new String[]{"unit", "year"});
        Estimate e = FixedEffectsRegression.fit(d, VcovRequest.iid(), EstimationOptions.DEFAULT);
        assertArrayEquals(new String[]{"x1", "x2"}, e.terms());
        assertTrue(e.notes().stream().anyMatch(n -> n.contains("'x1 + 2 x2'")), e.notes().toString());
        Design reduced = Design.ols(y, "y", new double[][]{x1, x2}, new String[]{"x1", "x2"},
                new int[][]{unit(), year()}, new String[]{"unit", "year"});
        Estimate r = FixedEffectsRegression.fit(reduced, VcovRequest.iid(), EstimationOptions.DEFAULT);
        assertEquals(r.coefficients()[0], e.coefficients()[0], 1e-12);
    }

    @Test
    void regressorAbsorbedByFixedEffectsIsDropped() {
        double[] unitLevel = new double[UNITS * YEARS];
        int[] u = unit();
        for (int i = 0; i < unitLevel.length; i++) {
            unitLevel[i] = 3.0 + u[i] * 0.7;
        }
        Design d = Design.ols(noise(4), "y", new double[][]{noise(5), unitLevel}, new String[]{"x", "unit_level"},
                new int[][]{u, year()}, new String[]{"unit", "year"});
        Estimate e = FixedEffectsRegression.fit(d, VcovRequest.iid(), EstimationOptions.DEFAULT);
        assertArrayEquals(new String[]{"x"}, e.terms());
        assertTrue(e.notes().get(0).contains("'unit_level'") && e.notes().get(0).contains("fixed effects"));
    }

    @Test
    void allRegressorsCollinearThrows() {
        double[] constant = new double[UNITS * YEARS];
        java.util.Arrays.fill(constant, 2.0);
        Design d = Design.ols(noise(6), "y", new double[][]{constant}, new String[]{"two"},
                new int[][]{unit()}, new String[]{"unit"});
        EstimationException ex = assertThrows(EstimationException.class,
                () -> FixedEffectsRegression.fit(d, VcovRequest.iid(), EstimationOptions.DEFAULT));
        assertTrue(ex.getMessage().contains("two"));
    }

    @Test
    void oneClusterThrows() {
        Design d = Design.ols(noise(7), "y", new double[][]{noise(8)}, new String[]{"x"},
                new int[][]{year()}, new String[]{"year"});
        int[] single = new int[UNITS * YEARS];
        EstimationException ex = assertThrows(EstimationException.class,
                () -> FixedEffectsRegression.fit(d, VcovRequest.cluster(single, "country"), EstimationOptions.DEFAULT));
        assertTrue(ex.getMessage().contains("'country'") && ex.getMessage().contains("at least 2 clusters"));
    }

    @Test
    void missingValueNamesTheTerm() {
        double[] x = noise(9);
        x[17] = Double.NaN;
        Design d = Design.ols(noise(10), "y", new double[][]{x}, new String[]{"log(pgdp)"},
                new int[][]{unit()}, new String[]{"unit"});
        EstimationException ex = assertThrows(EstimationException.class,
                () -> FixedEffectsRegression.fit(d, VcovRequest.iid(), EstimationOptions.DEFAULT));
        assertTrue(ex.getMessage().contains("'log(pgdp)'") && ex.getMessage().contains("row 17"));
    }

    @Test
    void noResidualDegreesOfFreedomThrows() {
        double[] y = {1, 2, 3};
        Design d = Design.ols(y, "y", new double[][]{{1, 4, 2}, {0, 1, 5}}, new String[]{"a", "b"},
                new int[0][], new String[0]);
        assertThrows(EstimationException.class,
                () -> FixedEffectsRegression.fit(d, VcovRequest.iid(), EstimationOptions.DEFAULT));
    }

    @Test
    void multiwayClusterUsesSmallestDimensionAndStaysPositive() {
        double[] y = noise(11);
        double[] x = noise(12);
        Design d = Design.ols(y, "y", new double[][]{x}, new String[]{"x"}, new int[][]{unit(), year()},
                new String[]{"unit", "year"});
        Estimate e = FixedEffectsRegression.fit(d,
                VcovRequest.cluster(new int[][]{unit(), year()}, new String[]{"unit", "year"}), EstimationOptions.DEFAULT);
        assertArrayEquals(new int[]{UNITS, YEARS}, e.clusterCounts());
        assertEquals(YEARS - 1, e.dfResidual());
        assertTrue(e.vcov()[0][0] >= 0);
    }
}
