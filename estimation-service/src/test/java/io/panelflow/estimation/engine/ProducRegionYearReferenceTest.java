package io.panelflow.estimation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.testing.SharedReference;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** S12: state FE + region×year FE; fixest's K_full and the exact rank (fixef.force_exact). */
class ProducRegionYearReferenceTest {

    @Test
    void regionByYearFixedEffects() {
        JsonNode expected = SharedReference.json("S12_produc_region_year_fe").get("expected").get("model");
        ReferenceTable t = ReferenceTable.read("S12_produc_region_year_fe.csv");
        String[] region = t.text("region");
        String[] year = t.text("year");
        String[] cell = new String[t.rows()];
        for (int i = 0; i < cell.length; i++) {
            cell[i] = region[i] + "^" + year[i];
        }
        int[] state = t.codes("state");
        Design d = Design.ols(t.log("gsp"), "log(gsp)",
                new double[][]{t.log("pcap"), t.log("pc"), t.log("emp"), t.num("unemp")},
                new String[]{"log(pcap)", "log(pc)", "log(emp)", "unemp"},
                new int[][]{state, ReferenceTable.codes(cell)}, new String[]{"state", "region^year"});
        ReferenceChecks.allBlocks(expected, d, EstimationOptions.DEFAULT, state, "state", ReferenceChecks.TIGHT, "S12");
        Estimate exact = FixedEffectsRegression.fit(d, VcovRequest.iid().withFixefK(FixefK.FULL_EXACT),
                EstimationOptions.DEFAULT);
        assertEquals(expected.get("vcov").get("iid_exact").get("dof_K").asInt() - 4,
                exact.diagnostics().get("fixedEffectRank"));
    }
}
