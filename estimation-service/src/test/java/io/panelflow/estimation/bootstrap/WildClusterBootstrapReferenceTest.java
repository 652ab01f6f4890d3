package io.panelflow.estimation.bootstrap;

import io.panelflow.testing.ReferenceCsv;
import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.estimation.engine.Design;
import io.panelflow.estimation.engine.EstimationOptions;
import io.panelflow.estimation.engine.VcovRequest;
import io.panelflow.testing.SharedReference;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * W1: Grunfeld inv ~ value + capital | firm + year, firm clusters (G = 10), WCR and WCU with all 1024
 * Rademacher sign vectors; every t* of the reference table, the p-values, counts and quantiles.
 */
class WildClusterBootstrapReferenceTest {
    static final String CASE = "W1_grunfeld_wild_bootstrap";
    static final double REL = 1e-8;

    static WildClusterBootstrap grunfeld() {
        ReferenceCsv d = ReferenceCsv.read(CASE + ".csv");
        int[] firm = d.integers("firm");
        Design design = Design.ols(d.numbers("inv"), "inv", new double[][]{d.numbers("value"), d.numbers("capital")},
                new String[]{"value", "capital"}, new int[][]{d.codes("firm"), d.codes("year")},
                new String[]{"firm", "year"});
        return WildClusterBootstrap.prepare(design, VcovRequest.cluster(firm, "firm"), EstimationOptions.DEFAULT);
    }

    static void close(double expected, double actual, double rel, String what) {
        double tol = rel * Math.abs(expected) + 1e-12;
        assertTrue(Math.abs(actual - expected) <= tol,
                what + ": expected " + expected + ", got " + actual + " (diff " + (actual - expected) + ")");
    }

    @Test
    void everyHypothesisEveryDrawAndPValue() {
        JsonNode json = SharedReference.json(CASE);
        JsonNode expected = json.get("expected");
        ReferenceCsv table = ReferenceCsv.read(expected.get("tstar_table").asText());
        WildClusterBootstrap boot = grunfeld();
        int hypotheses = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = json.get("spec").get("hypotheses").fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            String[] parts = key.split("_eq_");
            String term = parts[0];
            double r = Double.parseDouble(parts[1]);
            JsonNode h = expected.get(key);
            for (BootstrapType type : BootstrapType.values()) {
                String what = key + " " + type.label();
                WildBootstrapResult res = boot.test(term, r, type);
                assertTrue(res.enumerated(), what + " enumerated");
                assertEquals(expected.get("n_draws").asInt(), res.drawCount(), what + " draws");
                assertEquals(expected.get("n_clusters").asInt(), res.clusters(), what + " clusters");
                assertEquals(expected.get("dof_K").asInt(), res.dofK(), what + " K");
                close(expected.get("small_sample_factor").asDouble(), res.smallSampleFactor(), REL, what + " c");
                close(h.get("coefficient").asDouble(), res.coefficient(), REL, what + " b");
                close(h.get("se_cluster").asDouble(), res.stdError(), REL, what + " se");
                close(h.get("t").asDouble(), res.statistic(), REL, what + " t");
                assertEquals(h.get("t_df").asInt(), res.tDf(), what + " df");
                close(h.get("p_analytic_t_G_minus_1").asDouble(), res.pAnalytic(), 1e-6, what + " analytic p");
                if (type == BootstrapType.RESTRICTED) {
                    h.get("restricted_coefficients").fields().forEachRemaining(rc ->
                            close(rc.getValue().asDouble(), res.baseCoefficients().get(rc.getKey()), REL,
                                    what + " restricted " + rc.getKey()));
                    assertEquals(r, res.baseCoefficients().get(term), what + " imposed null");
                }
                double[] expectedT = table.numbers("tstar_" + type.label().toLowerCase() + "_" + key);
                assertEquals(table.rows(), res.tStar().length, what + " rows");
                double[] draw = table.numbers("draw");
                for (int b = 0; b < table.rows(); b++) {
                    assertEquals(b, (int) draw[b], "draw order");
                    for (int g = 0; g < res.clusters(); g++) {
                        assertEquals(table.numbers("v_firm" + (g + 1))[b], res.draws().sign(b, g),
                                what + " sign of firm " + (g + 1) + " in draw " + b);
                    }
                    close(expectedT[b], res.tStar()[b], REL, what + " t* draw " + b);
                }
                JsonNode e = h.get(type == BootstrapType.RESTRICTED ? "wcr" : "wcu");
                assertEquals(e.get("count_abs_tstar_ge_abs_t").asInt(), res.countAtLeast(), what + " count");
                assertEquals(e.get("n_ties_with_abs_t").asInt(), res.ties(), what + " ties");
                assertEquals(e.get("p").asDouble(), res.pValue(), 0.0, what + " p");
                assertEquals(e.get("p_strict_excluding_ties").asDouble(), res.pStrict(), 0.0, what + " strict p");
                close(e.get("max_abs_tstar").asDouble(), res.maxAbsTStar(), REL, what + " max |t*|");
                close(e.get("min_relative_gap_of_untied_abs_tstar_to_abs_t").asDouble(),
                        res.minRelativeGapOfUntied(1e-9), 1e-6, what + " min gap");
                JsonNode q = e.get("abs_tstar_quantiles_type1");
                close(q.get("q90").asDouble(), res.absTStarQuantile(0.90), REL, what + " q90");
                close(q.get("q95").asDouble(), res.absTStarQuantile(0.95), REL, what + " q95");
                close(q.get("q99").asDouble(), res.absTStarQuantile(0.99), REL, what + " q99");
            }
            hypotheses++;
        }
        assertEquals(json.get("spec").get("hypotheses").size(), hypotheses, "hypotheses in the case");
        assertTrue(hypotheses > 0, "the case lists hypotheses");
    }
}
