package io.panelflow.estimation.did;

import io.panelflow.frame.PanelFrame;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Goodman-Bacon decomposition and the permutation placebo test on simulated panels (E1 holds no number for either;
 * the E1 identity is in {@link E1ExtensionsReferenceTest}).
 */
class BaconAndPlaceboTest {

    private static double engineTwfe(PanelFrame f, List<String> controls) {
        return PlaceboPermutation.refit(StaggeredPanel.of(f, "y", "adopt", controls),
                StaggeredPanel.of(f, "y", "adopt", controls).unitCohorts());
    }

    @Test
    void weightsSumToOneAndReproduceTheTwfeEstimate() {
        for (long seed : new long[]{1, 2, 3}) {
            PanelFrame f = SimulatedStaggered.panel(120, 10, 0.5, 0.03, 0.3, seed);
            BaconDecomposition b = BaconDecomposition.of(StaggeredPanel.of(f, "y", "adopt"));
            double twfe = engineTwfe(f, List.of());
            assertEquals(1.0, b.weightSum(), 1e-12);
            assertEquals(twfe, b.weightedSum(), 1e-12 * Math.abs(twfe), "Σ s β = TWFE (engine)");
            assertEquals(twfe, b.twfe(), 1e-12 * Math.abs(twfe));
            // 3 cohorts + never: 3 treated-vs-never, 3 pairs × 2 timing comparisons
            assertEquals(9, b.comparisons().size());
            double byType = b.byType().values().stream().mapToDouble(v -> v[0]).sum();
            assertEquals(1.0, byType, 1e-12);
            b.comparisons().forEach(c -> assertTrue(c.weight() > 0, c.toString()));
        }
    }

    @Test
    void withoutNeverTreatedUnitsOnlyTimingComparisonsRemain() {
        PanelFrame f = SimulatedStaggered.panel(120, 10, 0.5, 0.0, 0.3, 4);
        double[] a = f.numeric("adopt").clone();
        for (int i = 0; i < a.length; i++) {
            if (a[i] == 0) {
                a[i] = 2009;
            }
        }
        PanelFrame g = f.withNumeric("adopt", a);
        BaconDecomposition b = BaconDecomposition.of(StaggeredPanel.of(g, "y", "adopt"));
        assertTrue(b.comparisons().stream().noneMatch(c -> c.type().equals(BaconComparison.TREATED_VS_NEVER)));
        assertEquals(1.0, b.weightSum(), 1e-12);
        double twfe = engineTwfe(g, List.of());
        assertEquals(twfe, b.weightedSum(), 1e-12 * Math.abs(twfe));
    }

    /** A homogeneous effect: every 2×2 comparison, and so the TWFE estimate, is near 0.5. */
    @Test
    void aHomogeneousEffectShowsInEveryComparison() {
        PanelFrame f = SimulatedStaggered.panel(3000, 10, 0.5, 0.0, 0.1, 6);
        BaconDecomposition b = BaconDecomposition.of(StaggeredPanel.of(f, "y", "adopt"));
        b.comparisons().forEach(c -> assertEquals(0.5, c.estimate(), 0.03, c.toString()));
    }

    @Test
    void refusedOnUnbalancedPanelsAndWithCovariates() {
        PanelFrame f = SimulatedStaggered.panel(60, 8, 0.5, 0.0, 0.3, 2);
        DidException cov = assertThrows(DidException.class,
                () -> BaconDecomposition.of(StaggeredPanel.of(f, "y", "adopt", List.of("z"))));
        assertTrue(cov.getMessage().contains("without covariates"), cov.getMessage());
        boolean[] keep = new boolean[f.rows()];
        java.util.Arrays.fill(keep, true);
        keep[5] = false;
        DidException unbalanced = assertThrows(DidException.class,
                () -> BaconDecomposition.of(StaggeredPanel.of(f.filter(keep), "y", "adopt")));
        assertTrue(unbalanced.getMessage().contains("balanced panel only"), unbalanced.getMessage());
    }

    /** The balanced closed form of each draw equals a full engine fit, with and without covariates. */
    @Test
    void placeboDrawsEqualEngineFits() {
        PanelFrame f = SimulatedStaggered.panel(80, 8, 0.5, 0.02, 0.3, 9);
        for (List<String> controls : List.of(List.<String>of(), List.of("z", "x * z"))) {
            StaggeredPanel p = StaggeredPanel.of(f, "y", "adopt", controls);
            PlaceboResult r = PlaceboPermutation.run(p, 30, 77);
            assertEquals(PlaceboPermutation.refit(p, p.unitCohorts()), r.estimate(), 1e-10 * Math.abs(r.estimate()));
            Random random = new Random(77);
            int[] permuted = p.unitCohorts().clone();
            for (int k = 0; k < 30; k++) {
                for (int i = permuted.length - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    int tmp = permuted[i];
                    permuted[i] = permuted[j];
                    permuted[j] = tmp;
                }
                double engine = PlaceboPermutation.refit(p, permuted);
                assertEquals(engine, r.placebo()[k], 1e-9 * Math.max(1, Math.abs(engine)), controls + " draw " + k);
            }
            long extreme = java.util.Arrays.stream(r.placebo()).filter(v -> Math.abs(v) >= Math.abs(r.estimate())).count();
            assertEquals(extreme / 30.0, r.pValue(), 0.0);
        }
    }

    @Test
    void placeboSeparatesARealEffectFromNone() {
        PanelFrame real = SimulatedStaggered.panel(100, 8, 0.5, 0.0, 0.3, 12);
        PlaceboResult r = PlaceboPermutation.run(StaggeredPanel.of(real, "y", "adopt"), 200, 1);
        assertEquals(0.0, r.pValue(), 0.0, "no permutation comes near a real effect of 0.5");
        assertEquals(0.0, r.mean(), 4 * r.sd() / Math.sqrt(200), "placebo estimates centre on zero");
        assertArrayEquals(r.placebo(), PlaceboPermutation.run(StaggeredPanel.of(real, "y", "adopt"), 200, 1).placebo(),
                "the same seed gives the same draws");

        PanelFrame none = SimulatedStaggered.panel(100, 8, 0.0, 0.0, 0.3, 12);
        PlaceboResult n = PlaceboPermutation.run(StaggeredPanel.of(none, "y", "adopt"), 200, 1);
        assertTrue(n.pValue() > 0.05, "no effect: p = " + n.pValue());
    }

    @Test
    void placeboOnAnUnbalancedPanelRefitsEachDraw() {
        PanelFrame f = SimulatedStaggered.panel(60, 8, 0.5, 0.0, 0.3, 13);
        boolean[] keep = new boolean[f.rows()];
        java.util.Arrays.fill(keep, true);
        keep[3] = false;
        keep[100] = false;
        StaggeredPanel p = StaggeredPanel.of(f.filter(keep), "y", "adopt", List.of("z"));
        assertTrue(!p.isBalanced());
        PlaceboResult r = PlaceboPermutation.run(p, 20, 5);
        assertEquals(20, r.placebo().length);
        java.util.Arrays.stream(r.placebo()).forEach(v -> assertTrue(Double.isFinite(v)));
        assertEquals(0.5, r.estimate(), 0.15);
    }
}
