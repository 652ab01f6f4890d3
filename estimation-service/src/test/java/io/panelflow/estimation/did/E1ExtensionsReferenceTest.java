package io.panelflow.estimation.did;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static io.panelflow.estimation.did.DidReference.close;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * E1 (mpdta, balanced, no covariates): the Goodman-Bacon decomposition reproduces fixest's static TWFE estimate
 * (a_static_twfe) and the placebo test's true estimate is that same coefficient. E1 holds no Bacon weights or
 * placebo draws; the identity is the check.
 */
class E1ExtensionsReferenceTest {

    @Test
    void baconWeightsReproduceTheStaticTwfe() {
        double twfe = DidReference.expected().get("a_static_twfe").get("coefficients").get("treat_post").asDouble();
        StaggeredPanel p = StaggeredPanel.of(DidReference.panel(), "lemp", "first.treat");
        BaconDecomposition b = BaconDecomposition.of(p);
        close(1.0, b.weightSum(), 1e-12, "Σ weights");
        close(twfe, b.weightedSum(), DidReference.REL, "Σ weight × 2x2 estimate = TWFE");
        close(twfe, b.twfe(), DidReference.REL, "TWFE from the demeaned dummy");
        // 3 cohorts and never-treated units: 3 + 2 × 3 comparisons
        assertEquals(9, b.comparisons().size());
    }

    @Test
    void placeboTrueEstimateIsTheStaticTwfe() {
        JsonNode a = DidReference.expected().get("a_static_twfe");
        PlaceboResult r = PlaceboPermutation.run(StaggeredPanel.of(DidReference.panel(), "lemp", "first.treat"), 50, 1);
        close(a.get("coefficients").get("treat_post"), r.estimate(), "placebo's true estimate");
    }
}
