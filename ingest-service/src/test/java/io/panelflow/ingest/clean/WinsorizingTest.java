package io.panelflow.ingest.clean;

import io.panelflow.model.result.DescriptiveStatistic;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WinsorizingTest {
    /**
     * Type-7 quantile written independently: R's quantile(x, p, type = 7) is
     * (1 − γ)·x[j] + γ·x[j + 1] with j = ⌊(n − 1)p⌋ + 1 (1-based) and γ = (n − 1)p − ⌊(n − 1)p⌋.
     */
    private static double rType7(double[] x, double p) {
        double[] s = x.clone();
        java.util.Arrays.sort(s);
        double m = (s.length - 1) * p;
        int j = (int) Math.floor(m) + 1;
        double gamma = m - Math.floor(m);
        double xj = s[j - 1];
        double xj1 = j < s.length ? s[j] : s[j - 1];
        return (1 - gamma) * xj + gamma * xj1;
    }

    @Test
    void quantilesMatchRType7() {
        double[] x = {7, 1, 3, 10, 2, 8, 4, 100, 5, 6};
        double[] sorted = Quantiles.sortedNonMissing(x);
        // R: quantile(c(7,1,3,10,2,8,4,100,5,6), c(.1,.25,.5,.9)) = 1.9, 3.25, 5.5, 19
        assertEquals(1.9, Quantiles.type7(sorted, 0.1), 1e-12);
        assertEquals(3.25, Quantiles.type7(sorted, 0.25), 1e-12);
        assertEquals(5.5, Quantiles.type7(sorted, 0.5), 1e-12);
        assertEquals(19, Quantiles.type7(sorted, 0.9), 1e-12);
        for (double p : new double[]{0, 0.01, 0.05, 0.33, 0.99, 1}) {
            assertEquals(rType7(x, p), Quantiles.type7(sorted, p), 1e-12, "p = " + p);
        }
    }

    @Test
    void pooledWinsorizingClipsAtTheQuantiles() {
        double[] x = {7, 1, 3, 10, 2, 8, 4, 100, 5, 6, Double.NaN};
        double[] nonMissing = {7, 1, 3, 10, 2, 8, 4, 100, 5, 6};
        double lo = rType7(nonMissing, 0.1);
        double hi = rType7(nonMissing, 0.9);
        Winsorizing.Count c = Winsorizing.pooled(x, 0.1, 0.9);
        assertArrayEquals(new double[]{7, lo, 3, 10, 2, 8, 4, hi, 5, 6, Double.NaN}, x, 1e-12);
        assertEquals(new Winsorizing.Count(1, 1), c);
    }

    @Test
    void winsorizingByTimeUsesEachPeriodsQuantiles() {
        double[] x = {1, 2, 3, 10, 20, 30};
        double[] t = {1, 1, 1, 2, 2, 2};
        Winsorizing.byTime(x, t, 0.25, 0.75);
        // period 1: Q(.25) = 1.5, Q(.75) = 2.5; period 2: 15, 25
        assertArrayEquals(new double[]{1.5, 2, 2.5, 15, 20, 25}, x, 1e-12);
    }

    @Test
    void descriptiveStatistics() {
        DescriptiveStatistic d = DescriptiveStatistics.of("x", new double[]{2, 4, Double.NaN, 4, 4, 5, 5, 7, 9});
        assertEquals(8, d.obs());
        assertEquals(5, d.mean(), 1e-12);
        // Σ(x − 5)² = 9+1+1+1+0+0+4+16 = 32; sd = √(32/7)
        assertEquals(Math.sqrt(32.0 / 7), d.sd(), 1e-12);
        assertEquals(2, d.min());
        assertEquals(4.5, d.median(), 1e-12);
        assertEquals(9, d.max());
        assertTrue(Double.isNaN(DescriptiveStatistics.of("y", new double[]{1}).sd()));
    }
}
