package io.panelflow.estimation.bootstrap;

import io.panelflow.estimation.engine.Design;
import io.panelflow.estimation.engine.Estimate;
import io.panelflow.estimation.engine.EstimationOptions;
import io.panelflow.estimation.engine.FixedEffectsRegression;
import io.panelflow.estimation.engine.VcovRequest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The closed-form draws against brute-force refits, random draws, and degenerate input. */
class WildClusterBootstrapTest {

    /** A small two-way panel with 12 clusters (4096 sign vectors). */
    private static Design panel(int units, int years, int[] unitCode, int[] yearCode) {
        int n = units * years;
        double[] y = new double[n];
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (int u = 0; u < units; u++) {
            double a = r.nextGaussian();
            for (int t = 0; t < years; t++) {
                int i = u * years + t;
                unitCode[i] = u;
                yearCode[i] = t;
                x1[i] = r.nextGaussian() + 0.3 * a;
                x2[i] = r.nextGaussian() + 0.1 * t;
                y[i] = 1 + 0.5 * x1[i] - 0.2 * x2[i] + a + 0.05 * t + r.nextGaussian() * (1 + u % 3);
            }
        }
        return Design.ols(y, "y", new double[][]{x1, x2}, new String[]{"x1", "x2"},
                new int[][]{unitCode, yearCode}, new String[]{"unit", "year"});
    }

    @Test
    void closedFormDrawsEqualRefitsOfTheBootstrapSamples() {
        int units = 12;
        int years = 6;
        int[] unit = new int[units * years];
        int[] year = new int[units * years];
        Design d = panel(units, years, unit, year);
        VcovRequest v = VcovRequest.cluster(unit, "unit");
        WildClusterBootstrap boot = WildClusterBootstrap.prepare(d, v, EstimationOptions.DEFAULT);
        for (BootstrapType type : BootstrapType.values()) {
            double r = 0.4;
            WildBootstrapResult res = boot.test("x1", r, type);
            assertTrue(res.enumerated());
            assertEquals(4096, res.drawCount());
            // base fit: fitted values and residuals of the model that is resampled
            double[] f;
            if (type == BootstrapType.UNRESTRICTED) {
                Estimate e = boot.estimate();
                f = new double[d.rows()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = d.y()[i] - e.residuals()[i];
                }
            } else {
                double[] yr = d.y().clone();
                for (int i = 0; i < yr.length; i++) {
                    yr[i] -= r * d.x()[0][i];
                }
                Estimate restricted = FixedEffectsRegression.fit(Design.ols(yr, "yr", new double[][]{d.x()[1]},
                        new String[]{"x2"}, d.fixedEffects(), d.fixedEffectNames()), v, EstimationOptions.DEFAULT);
                assertEquals(restricted.coefficients()[0], res.baseCoefficients().get("x2"), 1e-10);
                f = new double[d.rows()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = d.y()[i] - restricted.residuals()[i];
                }
            }
            double center = type == BootstrapType.RESTRICTED ? r : res.coefficient();
            for (int b : new int[]{0, 1, 5, 777, 2048, 4095}) {
                double[] ystar = new double[d.rows()];
                for (int i = 0; i < ystar.length; i++) {
                    ystar[i] = f[i] + res.draws().sign(b, unit[i]) * (d.y()[i] - f[i]);
                }
                Estimate e = FixedEffectsRegression.fit(Design.ols(ystar, "ystar", d.x(), d.xNames(),
                        d.fixedEffects(), d.fixedEffectNames()), v, EstimationOptions.DEFAULT);
                double expected = (e.coefficients()[0] - center) / e.stdErrors()[0];
                assertEquals(expected, res.tStar()[b], 1e-8 * Math.max(1, Math.abs(expected)),
                        type + " draw " + b);
            }
        }
    }

    @Test
    void randomDrawsAreSeededAndMatchTheEnumeratedVectors() {
        int units = 12;
        int years = 6;
        int[] unit = new int[units * years];
        int[] year = new int[units * years];
        Design d = panel(units, years, unit, year);
        WildClusterBootstrap boot = WildClusterBootstrap.prepare(d, VcovRequest.cluster(unit, "unit"),
                EstimationOptions.DEFAULT);
        WildBootstrapResult all = boot.test("x2", 0.0, BootstrapType.RESTRICTED);
        WildBootstrapSettings few = WildBootstrapSettings.DEFAULT.withDraws(999).withSeed(42);
        WildBootstrapResult random = boot.test("x2", 0.0, BootstrapType.RESTRICTED, few);
        assertFalse(random.enumerated());
        assertEquals(999, random.drawCount());
        Map<Integer, Integer> seen = new HashMap<>();
        for (int b = 0; b < random.drawCount(); b++) {
            int bits = 0;
            for (int g = 0; g < 12; g++) {
                if (random.draws().sign(b, g) < 0) {
                    bits |= 1 << g;
                }
            }
            seen.merge(bits, 1, Integer::sum);
            assertEquals(all.tStar()[bits], random.tStar()[b], 1e-12 * Math.max(1, Math.abs(all.tStar()[bits])));
        }
        assertTrue(seen.size() > 800, "random sign vectors should be mostly distinct");
        WildBootstrapResult again = boot.test("x2", 0.0, BootstrapType.RESTRICTED, few);
        assertEquals(random.pValue(), again.pValue(), 0.0);
        assertEquals(java.util.Arrays.toString(random.tStar()), java.util.Arrays.toString(again.tStar()));
        WildBootstrapResult other = boot.test("x2", 0.0, BootstrapType.RESTRICTED, few.withSeed(43));
        assertFalse(java.util.Arrays.equals(random.tStar(), other.tStar()));
    }

    @Test
    void degenerateInputIsRejected() {
        int[] unit = new int[72];
        int[] year = new int[72];
        Design d = panel(12, 6, unit, year);
        assertThrows(BootstrapException.class,
                () -> WildClusterBootstrap.prepare(d, VcovRequest.hetero(), EstimationOptions.DEFAULT));
        int[] one = new int[72];
        BootstrapException ex = assertThrows(BootstrapException.class,
                () -> WildClusterBootstrap.prepare(d, VcovRequest.cluster(one, "all"), EstimationOptions.DEFAULT));
        assertTrue(ex.getMessage().contains("at least 2 clusters"), ex.getMessage());
        WildClusterBootstrap boot = WildClusterBootstrap.prepare(d, VcovRequest.cluster(unit, "unit"),
                EstimationOptions.DEFAULT);
        assertThrows(BootstrapException.class, () -> boot.test("x3", 0, BootstrapType.RESTRICTED));
        assertThrows(BootstrapException.class, () -> WildBootstrapSettings.DEFAULT.withDraws(0));
    }
}
