package io.panelflow.estimation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.testing.SharedReference;
import org.junit.jupiter.api.Test;

/** S1: Grunfeld inv ~ value + capital | firm + year with iid, HC1 and firm-clustered variances. */
class GrunfeldReferenceTest {

    @Test
    void twoWayFixedEffectsWithEveryVarianceConvention() {
        JsonNode expected = SharedReference.json("S1_grunfeld_twfe").get("expected").get("model");
        ReferenceTable t = ReferenceTable.read("S1_grunfeld_twfe.csv");
        int[] firm = t.codes("firm");
        Design d = Design.ols(t.num("inv"), "inv", new double[][]{t.num("value"), t.num("capital")},
                new String[]{"value", "capital"}, new int[][]{firm, t.codes("year")}, new String[]{"firm", "year"});
        DemeanedSample sample = DemeanedSample.of(d, EstimationOptions.DEFAULT);
        VcovRequest cluster = VcovRequest.cluster(firm, "firm");
        String[] keys = {"iid", "hetero", "cluster_firm", "cluster_firm_fixefK_full", "cluster_firm_fixefK_none"};
        VcovRequest[] requests = {VcovRequest.iid(), VcovRequest.hetero(), cluster,
                cluster.withFixefK(FixefK.FULL), cluster.withFixefK(FixefK.NONE)};
        for (int r = 0; r < keys.length; r++) {
            Estimate e = FixedEffectsRegression.fit(d, requests[r], EstimationOptions.DEFAULT, sample);
            ReferenceChecks.fit(expected, e, ReferenceChecks.TIGHT, "S1 " + keys[r]);
            ReferenceChecks.vcov(expected.get("vcov").get(keys[r]), e, ReferenceChecks.TIGHT, "S1 " + keys[r]);
        }
    }
}
