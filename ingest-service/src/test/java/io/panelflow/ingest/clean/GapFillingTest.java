package io.panelflow.ingest.clean;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GapFillingTest {
    private static final double NA = Double.NaN;
    private static final double EPS = 1e-12;

    @Test
    void linearInteriorUsesTimeDistances() {
        // 2010: 10, 2011: NA, 2013: NA, 2014: 30 (2012 absent as a row)
        double[] t = {2010, 2011, 2013, 2014};
        double[] y = {10, NA, NA, 30};
        FillCount c = GapFilling.fill(t, y, MissingValueMethod.LINEAR, false);
        // y = y0 + (y1 - y0)(t - t0)/(t1 - t0): 10 + 20·1/4 = 15, 10 + 20·3/4 = 25
        assertArrayEquals(new double[]{10, 15, 25, 30}, y, EPS);
        assertEquals(new FillCount(2, 0, 0, 0), c);
    }

    @Test
    void edgesStayMissingWithoutExtrapolate() {
        double[] t = {1, 2, 3, 4, 5};
        double[] y = {NA, 2, NA, 6, NA};
        FillCount c = GapFilling.fill(t, y, MissingValueMethod.LINEAR, false);
        assertArrayEquals(new double[]{NA, 2, 4, 6, NA}, y, EPS);
        assertEquals(new FillCount(1, 0, 0, 2), c);
    }

    @Test
    void linearExtrapolationUsesTheTwoNearestObservations() {
        double[] t = {1, 2, 3, 4, 5, 6};
        double[] y = {NA, 2, 5, NA, 9, NA};
        FillCount c = GapFilling.fill(t, y, MissingValueMethod.LINEAR, true);
        // leading: line through (2,2),(3,5): 2 + 3·(1-2) = -1; interior: 5 + 4·(1/2) = 7;
        // trailing: line through (3,5),(5,9): 9 + 2·(6-5) = 11
        assertArrayEquals(new double[]{-1, 2, 5, 7, 9, 11}, y, EPS);
        assertEquals(new FillCount(1, 2, 0, 0), c);
    }

    @Test
    void growthInteriorIsGeometric() {
        double[] t = {2000, 2001, 2002, 2003};
        double[] y = {100, NA, NA, 133.1};
        GapFilling.fill(t, y, MissingValueMethod.GROWTH, false);
        double g = Math.pow(133.1 / 100, 1.0 / 3) - 1; // = 0.1
        assertEquals(0.1, g, 1e-12);
        assertArrayEquals(new double[]{100, 100 * (1 + g), 100 * Math.pow(1 + g, 2), 133.1}, y, 1e-9);
        assertEquals(110, y[1], 1e-9);
        assertEquals(121, y[2], 1e-9);
    }

    @Test
    void growthExtrapolationUsesTheAverageRateOverTheObservedSpan() {
        double[] t = {1, 2, 3, 4, 5};
        double[] y = {NA, 50, NA, 200, NA};
        FillCount c = GapFilling.fill(t, y, MissingValueMethod.GROWTH, true);
        double factor = Math.pow(200.0 / 50.0, 1.0 / (4 - 2)); // 1 + g = 2
        assertArrayEquals(new double[]{50 / factor, 50, 50 * factor, 200, 200 * factor}, y, 1e-9);
        assertArrayEquals(new double[]{25, 50, 100, 200, 400}, y, 1e-9);
        assertEquals(new FillCount(1, 2, 0, 0), c);
    }

    @Test
    void growthFallsBackToLinearForNonPositiveBrackets() {
        double[] t = {1, 2, 3};
        double[] y = {-2, NA, 4};
        FillCount c = GapFilling.fill(t, y, MissingValueMethod.GROWTH, true);
        assertArrayEquals(new double[]{-2, 1, 4}, y, EPS);
        assertEquals(new FillCount(1, 0, 1, 0), c);
    }

    @Test
    void nearestTakesTheCloserObservationAndTheEarlierOnTies() {
        double[] t = {1, 2, 3, 4, 5, 6};
        double[] y = {NA, 10, NA, NA, 40, NA};
        GapFilling.fill(t, y, MissingValueMethod.NEAREST, true);
        // t=3: distances 1 (to 2) and 2 (to 5) → 10; t=4: 2 and 1 → 40
        assertArrayEquals(new double[]{10, 10, 10, 40, 40, 40}, y, EPS);
        double[] tie = {1, 2, 3};
        double[] v = {1, NA, 3};
        GapFilling.fill(tie, v, MissingValueMethod.NEAREST, false);
        assertEquals(1, v[1], EPS);
    }

    @Test
    void noneAndAllMissingLeaveTheSeries() {
        double[] y = {1, NA, 3};
        assertEquals(new FillCount(0, 0, 0, 1), GapFilling.fill(new double[]{1, 2, 3}, y, MissingValueMethod.NONE, true));
        assertEquals(Double.NaN, y[1]);
        double[] empty = {NA, NA};
        assertEquals(new FillCount(0, 0, 0, 2), GapFilling.fill(new double[]{1, 2}, empty, MissingValueMethod.LINEAR, true));
        double[] single = {NA, 5, NA};
        assertEquals(new FillCount(0, 0, 0, 2), GapFilling.fill(new double[]{1, 2, 3}, single, MissingValueMethod.LINEAR, true));
        assertEquals(new FillCount(0, 2, 0, 0), GapFilling.fill(new double[]{1, 2, 3}, single, MissingValueMethod.NEAREST, true));
    }
}
