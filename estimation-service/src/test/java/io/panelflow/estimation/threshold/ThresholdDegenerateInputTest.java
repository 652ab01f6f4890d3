package io.panelflow.estimation.threshold;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Precise failures for inputs a threshold model cannot use, on a small synthetic panel. */
class ThresholdDegenerateInputTest {

    /** 6 units × 8 periods, deterministic pseudo-random values. */
    static ThresholdDesign panel(double[] commonColumn, int[] unitOverride) {
        int n = 48;
        double[] y = new double[n];
        double[] q = new double[n];
        double[] x = new double[n];
        double[] z = new double[n];
        int[] unit = new int[n];
        int[] time = new int[n];
        for (int i = 0; i < n; i++) {
            unit[i] = i / 8;
            time[i] = i % 8;
            q[i] = Math.sin(1.7 * i + 0.3) * 2;
            x[i] = Math.cos(0.9 * i) + 0.1 * i;
            z[i] = Math.sin(0.37 * i * i);
            y[i] = 0.5 * x[i] * (q[i] <= 0.2 ? 1 : -1) + z[i] + Math.sin(11.0 * i);
        }
        return new ThresholdDesign(y, "y", q, x, "x",
                new double[][]{commonColumn == null ? z : commonColumn}, new String[]{"z"},
                unitOverride == null ? unit : unitOverride, time);
    }

    @Test
    void candidatesDropTheTrimmedTailsAndRepeats() {
        ThresholdCandidates c = ThresholdCandidates.trimmed(new double[]{5, 1, 2, 2, 3, 3, 3, 4, 9, 0}, 0.1);
        assertEquals(1, c.trimCount());
        assertEquals(5, c.size());
        assertEquals(1.0, c.values()[0]);
        assertEquals(5.0, c.values()[4]);
        assertThrows(ThresholdException.class, () -> ThresholdCandidates.trimmed(new double[]{1, 2}, 0.5));
    }

    @Test
    void regressorAbsorbedByUnitEffectsIsNamed() {
        double[] unitConstant = new double[48];
        for (int i = 0; i < 48; i++) {
            unitConstant[i] = i / 8;
        }
        ThresholdException e = assertThrows(ThresholdException.class,
                () -> PanelThresholdRegression.fit(panel(unitConstant, null), 0.1, 0.95));
        assertTrue(e.getMessage().contains("'z'") && e.getMessage().contains("absorbed"), e.getMessage());
    }

    @Test
    void nonFiniteValueIsNamed() {
        double[] bad = new double[48];
        bad[5] = Double.NaN;
        ThresholdException e = assertThrows(ThresholdException.class, () -> panel(bad, null));
        assertTrue(e.getMessage().contains("'z'") && e.getMessage().contains("row 5"), e.getMessage());
    }

    @Test
    void partitionedSsrEqualsTheFullRegressionAtEveryCandidate() {
        ThresholdDesign d = panel(null, null);
        ThresholdSearch s = ThresholdSearch.of(d, ThresholdCandidates.trimmed(d.q(), 0.1));
        double[] ssr = s.ssr();
        for (int k = 0; k < ssr.length; k += 5) {
            double gamma = s.candidates().values()[k];
            var est = io.panelflow.estimation.engine.FixedEffectsRegression.fit(
                    io.panelflow.estimation.engine.Design.ols(d.y(), "y",
                            new double[][]{d.regimeLow(gamma), d.regimeHigh(gamma), d.common()[0]},
                            new String[]{"lo", "hi", "z"}, new int[][]{d.unit()}, new String[]{"unit"}),
                    io.panelflow.estimation.engine.VcovRequest.iid(),
                    io.panelflow.estimation.engine.EstimationOptions.DEFAULT);
            assertEquals(est.rss(), ssr[k], 1e-11 * est.rss(), "candidate " + k);
        }
    }

    @Test
    void bootstrapNeedsABalancedPanelAndValidDraws() {
        int[] unit = new int[48];
        for (int i = 0; i < 48; i++) {
            unit[i] = i < 10 ? 0 : 1 + (i - 10) / 8;
        }
        ThresholdDesign unbalanced = panel(null, unit);
        ThresholdSearch s = ThresholdSearch.of(unbalanced, ThresholdCandidates.trimmed(unbalanced.q(), 0.1));
        ThresholdEstimate fit = PanelThresholdRegression.fit(s, 0.95);
        ThresholdException e = assertThrows(ThresholdException.class, () -> ThresholdBootstrap.run(s, fit, 10, 1L));
        assertTrue(e.getMessage().contains("balanced"), e.getMessage());

        ThresholdDesign d = panel(null, null);
        ThresholdSearch sb = ThresholdSearch.of(d, ThresholdCandidates.trimmed(d.q(), 0.1));
        ThresholdEstimate fb = PanelThresholdRegression.fit(sb, 0.95);
        assertThrows(ThresholdException.class,
                () -> ThresholdBootstrap.run(sb, fb, new int[][]{{0, 1, 2, 3, 4, 6}}));
        ThresholdBootstrapResult ok = ThresholdBootstrap.run(sb, fb, new int[][]{{0, 1, 2, 3, 4, 5}});
        // the identity draw gives y* = the residuals at gamma-hat: F1* is the F1 of a full fit on them
        double[] res = sb.residualsAtBest();
        ThresholdDesign onResiduals = new ThresholdDesign(res, "e", d.q(), d.regime(), "x", d.common(),
                d.commonNames(), d.unit(), d.time());
        double f = PanelThresholdRegression.fit(onResiduals, 0.1, 0.95).f1();
        assertEquals(f, ok.f1Star()[0], 1e-9 * f);
    }
}
