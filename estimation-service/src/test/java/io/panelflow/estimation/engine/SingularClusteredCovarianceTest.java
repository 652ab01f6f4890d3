package io.panelflow.estimation.engine;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * More regressors than clusters (an event study with many leads and lags on a few dozen provinces):
 * the one-way clustered covariance has rank at most G − 1, so the joint Wald F cannot be computed.
 * The model must still be reported with its coefficients and standard errors, as fixest does.
 */
class SingularClusteredCovarianceTest {
    private static final int UNITS = 20;
    private static final int YEARS = 6;
    private static final int SLOPES = 6;

    private static double[] noise(Random r) {
        double[] v = new double[UNITS * YEARS];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    private static Design design() {
        Random r = new Random(42);
        double[][] x = new double[SLOPES][];
        String[] names = new String[SLOPES];
        for (int j = 0; j < SLOPES; j++) {
            x[j] = noise(r);
            names[j] = "x" + (j + 1);
        }
        double[] y = noise(r);
        int[] unit = new int[UNITS * YEARS];
        int[] year = new int[UNITS * YEARS];
        for (int i = 0; i < y.length; i++) {
            unit[i] = i / YEARS;
            year[i] = i % YEARS;
            y[i] += 0.3 * x[0][i] - 0.2 * x[1][i];
        }
        return Design.ols(y, "y", x, names, new int[][]{unit, year}, new String[]{"unit", "year"});
    }

    /** Four clusters of five units each. */
    private static int[] coarseClusters() {
        int[] c = new int[UNITS * YEARS];
        for (int i = 0; i < c.length; i++) {
            c[i] = (i / YEARS) / 5;
        }
        return c;
    }

    @Test
    void modelWithMoreSlopesThanClustersIsKeptWithoutTheF() {
        Design d = design();
        Estimate clustered = FixedEffectsRegression.fit(d, VcovRequest.cluster(coarseClusters(), "region"), EstimationOptions.DEFAULT);
        Estimate iid = FixedEffectsRegression.fit(d, VcovRequest.iid(), EstimationOptions.DEFAULT);

        assertEquals(SLOPES, clustered.terms().length);
        assertArrayEquals(iid.coefficients(), clustered.coefficients(), 1e-12, "point estimates do not depend on the vcov");
        for (double se : clustered.stdErrors()) {
            assertTrue(Double.isFinite(se) && se > 0, "every standard error is reported");
        }
        assertTrue(Double.isNaN(clustered.fStat()), "no F from a singular covariance");
        String reason = (String) clustered.diagnostics().get("fTestUnavailable");
        assertTrue(reason.contains("6 coefficients") && reason.contains("4 clusters") && reason.contains("rank at most 3"), reason);
        assertTrue(clustered.notes().stream().anyMatch(n -> n.startsWith("Joint Wald F not reported")), clustered.notes().toString());

        assertTrue(Double.isFinite(iid.fStat()), "the iid F is still there");
        assertFalse(iid.diagnostics().containsKey("fTestUnavailable"));
    }

    @Test
    void enoughClustersStillGiveTheF() {
        int[] unit = new int[UNITS * YEARS];
        for (int i = 0; i < unit.length; i++) {
            unit[i] = i / YEARS;
        }
        Estimate e = FixedEffectsRegression.fit(design(), VcovRequest.cluster(unit, "unit"), EstimationOptions.DEFAULT);
        assertTrue(Double.isFinite(e.fStat()) && e.fStat() > 0);
        assertEquals(SLOPES, e.fDf1());
    }

    @Test
    void dependentRestrictionsAreRefusedAsSingular() {
        Estimate e = FixedEffectsRegression.fit(design(), VcovRequest.iid(), EstimationOptions.DEFAULT);
        double[][] r = {{1, 0, 0, 0, 0, 0}, {2, 0, 0, 0, 0, 0}};
        SingularCovarianceException ex = assertThrows(SingularCovarianceException.class,
                () -> WaldTest.test(e, r, new double[2]));
        assertTrue(ex.getMessage().contains("singular"), ex.getMessage());
    }
}
