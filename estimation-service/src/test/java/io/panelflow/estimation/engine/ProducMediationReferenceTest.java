package io.panelflow.estimation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.testing.SharedReference;
import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * S10 at the engine: the three regressions of the mediation case (total, a path, direct) with every
 * variance block of the reference (iid, HC1, clustered with nested and full fixed-effect K), and the
 * Sobel statistics from the clustered SEs under both K conventions.
 */
class ProducMediationReferenceTest {
    private static final double TOL = ReferenceChecks.TIGHT;

    private record Regressions(Design total, Design a, Design direct, int[] state) {
    }

    private static Regressions designs(JsonNode spec) {
        ReferenceTable t = ReferenceTable.read("S10_produc_mediation.csv");
        int[] state = t.codes("state");
        int[][] fe = {state, t.codes("year")};
        String[] feNames = {"state", "year"};
        double[] lpcap = t.log("pcap");
        double[] lpc = t.log("pc");
        double[] lemp = t.log("emp");
        double[] unemp = t.num("unemp");
        String x = spec.get("X").asText();
        String m = spec.get("M").asText();
        String y = spec.get("Y").asText();
        String c1 = spec.get("controls").get(0).asText();
        String c2 = spec.get("controls").get(1).asText();
        Design total = Design.ols(t.log("gsp"), y, new double[][]{lpcap, lpc, unemp}, new String[]{x, c1, c2}, fe, feNames);
        Design a = Design.ols(lemp, m, new double[][]{lpcap, lpc, unemp}, new String[]{x, c1, c2}, fe, feNames);
        Design direct = Design.ols(t.log("gsp"), y, new double[][]{lpcap, lemp, lpc, unemp}, new String[]{x, m, c1, c2},
                fe, feNames);
        return new Regressions(total, a, direct, state);
    }

    @Test
    void everyVarianceBlockOfTheThreeRegressions() {
        JsonNode json = SharedReference.json("S10_produc_mediation");
        JsonNode expected = json.get("expected");
        Regressions r = designs(json.get("spec"));
        ReferenceChecks.allBlocks(expected.get("total_effect_Y_on_X"), r.total(), EstimationOptions.DEFAULT, r.state(),
                "state", TOL, "S10 total");
        ReferenceChecks.allBlocks(expected.get("a_path_M_on_X"), r.a(), EstimationOptions.DEFAULT, r.state(), "state",
                TOL, "S10 a path");
        ReferenceChecks.allBlocks(expected.get("direct_Y_on_X_and_M"), r.direct(), EstimationOptions.DEFAULT, r.state(),
                "state", TOL, "S10 direct");
    }

    @Test
    void sobelWithNestedAndFullFixedEffectCounts() {
        JsonNode json = SharedReference.json("S10_produc_mediation");
        JsonNode expected = json.get("expected");
        JsonNode spec = json.get("spec");
        Regressions r = designs(spec);
        VcovRequest nested = VcovRequest.cluster(r.state(), "state");
        for (Map.Entry<String, VcovRequest> v : Map.of("sobel", nested,
                "sobel_with_fixefK_full_se", nested.withFixefK(FixefK.FULL)).entrySet()) {
            JsonNode s = expected.get(v.getKey());
            String label = "S10 " + v.getKey();
            Estimate total = FixedEffectsRegression.fit(r.total(), v.getValue(), EstimationOptions.DEFAULT);
            Estimate a = FixedEffectsRegression.fit(r.a(), v.getValue(), EstimationOptions.DEFAULT);
            Estimate direct = FixedEffectsRegression.fit(r.direct(), v.getValue(), EstimationOptions.DEFAULT);
            String x = spec.get("X").asText();
            String m = spec.get("M").asText();
            double aCoef = a.coefficients()[a.indexOf(x)];
            double seA = a.stdErrors()[a.indexOf(x)];
            double b = direct.coefficients()[direct.indexOf(m)];
            double seB = direct.stdErrors()[direct.indexOf(m)];
            double c = total.coefficients()[total.indexOf(x)];
            double cPrime = direct.coefficients()[direct.indexOf(x)];
            double se = Math.sqrt(b * b * seA * seA + aCoef * aCoef * seB * seB);
            double z = aCoef * b / se;
            ReferenceChecks.close(s.get("a").asDouble(), aCoef, TOL, label + " a");
            ReferenceChecks.close(s.get("se_a").asDouble(), seA, TOL, label + " se a");
            ReferenceChecks.close(s.get("b").asDouble(), b, TOL, label + " b");
            ReferenceChecks.close(s.get("se_b").asDouble(), seB, TOL, label + " se b");
            ReferenceChecks.close(s.get("c_total").asDouble(), c, TOL, label + " c");
            ReferenceChecks.close(s.get("c_prime_direct").asDouble(), cPrime, TOL, label + " c'");
            ReferenceChecks.close(s.get("indirect_ab").asDouble(), aCoef * b, TOL, label + " ab");
            ReferenceChecks.close(s.get("c_minus_c_prime").asDouble(), c - cPrime, 1e-7, label + " c - c'");
            ReferenceChecks.close(s.get("se_indirect_sobel").asDouble(), se, TOL, label + " Sobel se");
            ReferenceChecks.close(s.get("sobel_z").asDouble(), z, TOL, label + " Sobel z");
            ReferenceChecks.close(s.get("sobel_p_two_sided_normal").asDouble(), Distributions.twoSidedNormal(z),
                    ReferenceChecks.P_VALUE, label + " Sobel p");
            ReferenceChecks.close(s.get("proportion_mediated").asDouble(), aCoef * b / c, TOL, label + " share");
        }
    }
}
