package io.panelflow.estimation.did;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.estimation.formula.ReferencePanels;
import io.panelflow.frame.PanelFrame;
import io.panelflow.testing.SharedReference;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test helper: the E1 case (mpdta), read at test time. */
final class DidReference {
    static final String CASE = "E1_mpdta_staggered_did";
    static final double REL = 1e-8;

    private DidReference() {
    }

    static PanelFrame panel() {
        return ReferencePanels.read(CASE + ".csv", "countyreal", "year");
    }

    static JsonNode expected() {
        return SharedReference.json(CASE).get("expected");
    }

    /** |actual − expected| ≤ rel·|expected| + 1e-14 (the tiny floor only matters for values near zero). */
    static void close(double expected, double actual, double rel, String what) {
        double tol = rel * Math.abs(expected) + 1e-14;
        assertTrue(Math.abs(actual - expected) <= tol,
                what + ": expected " + expected + ", got " + actual + " (relative diff "
                        + (actual - expected) / expected + ")");
    }

    static void close(JsonNode expected, double actual, String what) {
        assertTrue(expected != null && expected.isNumber(), what + ": no number in the reference");
        close(expected.asDouble(), actual, REL, what);
    }
}
