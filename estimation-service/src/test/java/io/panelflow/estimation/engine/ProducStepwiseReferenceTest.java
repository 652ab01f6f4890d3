package io.panelflow.estimation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.testing.SharedReference;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

/** S2: stepwise two-way FE columns on one shared sample, a state-FE-only column and pooled OLS. */
class ProducStepwiseReferenceTest {

    @Test
    void stepwiseColumnsShareOneSample() {
        JsonNode expected = SharedReference.json("S2_produc_twfe_stepwise").get("expected");
        ReferenceTable t = ReferenceTable.read("S2_produc_twfe_stepwise.csv");
        double[] y = t.log("gsp");
        double[][] all = {t.log("pcap"), t.log("pc"), t.log("emp"), t.num("unemp")};
        String[] names = {"log(pcap)", "log(pc)", "log(emp)", "unemp"};
        int[] state = t.codes("state");
        int[][] fe = {state, t.codes("year")};
        String[] feNames = {"state", "year"};
        DemeanedSample shared = null;
        for (int c = 1; c <= 4; c++) {
            Design d = Design.ols(y, "log(gsp)", Arrays.copyOf(all, c), Arrays.copyOf(names, c), fe, feNames);
            if (shared == null) {
                shared = DemeanedSample.of(d, EstimationOptions.DEFAULT);
            }
            JsonNode model = expected.get("col" + c + "_twfe");
            for (var b : (Iterable<java.util.Map.Entry<String, JsonNode>>) model.get("vcov")::fields) {
                Estimate e = FixedEffectsRegression.fit(d, ReferenceChecks.request(b.getKey(), state, "state"),
                        EstimationOptions.DEFAULT, shared);
                ReferenceChecks.fit(model, e, ReferenceChecks.TIGHT, "S2 col" + c + " " + b.getKey());
                ReferenceChecks.vcov(b.getValue(), e, ReferenceChecks.TIGHT, "S2 col" + c + " " + b.getKey());
            }
        }
    }

    @Test
    void stateFixedEffectsOnlyAndPooledOls() {
        JsonNode expected = SharedReference.json("S2_produc_twfe_stepwise").get("expected");
        ReferenceTable t = ReferenceTable.read("S2_produc_twfe_stepwise.csv");
        double[][] x = {t.log("pcap"), t.log("pc"), t.log("emp"), t.num("unemp")};
        String[] names = {"log(pcap)", "log(pc)", "log(emp)", "unemp"};
        int[] state = t.codes("state");
        Design oneWay = Design.ols(t.log("gsp"), "log(gsp)", x, names, new int[][]{state}, new String[]{"state"});
        ReferenceChecks.allBlocks(expected.get("col4_state_fe"), oneWay, EstimationOptions.DEFAULT, state, "state",
                ReferenceChecks.TIGHT, "S2 state FE");
        Design pooled = Design.ols(t.log("gsp"), "log(gsp)", x, names, new int[0][], new String[0]);
        ReferenceChecks.allBlocks(expected.get("col4_pooled_ols"), pooled, EstimationOptions.DEFAULT, state, "state",
                ReferenceChecks.TIGHT, "S2 pooled");
    }
}
