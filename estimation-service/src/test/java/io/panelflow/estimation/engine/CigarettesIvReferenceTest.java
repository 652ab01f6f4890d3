package io.panelflow.estimation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.testing.SharedReference;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** S7: CigarettesSW 2SLS, 1995 cross-section (HC1) and 1985/1995 panel with state + year FE clustered by state. */
class CigarettesIvReferenceTest {
    private static final double TOL = ReferenceChecks.TIGHT;

    private static Design design(ReferenceTable t, boolean fixedEffects) {
        int n = t.rows();
        double[] cpi = t.num("cpi");
        double[] price = t.num("price");
        double[] income = t.num("income");
        double[] pop = t.num("population");
        double[] tax = t.num("tax");
        double[] taxs = t.num("taxs");
        double[] packs = t.num("packs");
        double[] lpacks = new double[n];
        double[] lrprice = new double[n];
        double[] lrincome = new double[n];
        double[] salestax = new double[n];
        double[] cigtax = new double[n];
        for (int i = 0; i < n; i++) {
            lpacks[i] = Math.log(packs[i]);
            lrprice[i] = Math.log(price[i] / cpi[i]);
            lrincome[i] = Math.log(income[i] / pop[i] / cpi[i]);
            salestax[i] = (taxs[i] - tax[i]) / cpi[i];
            cigtax[i] = tax[i] / cpi[i];
        }
        int[][] fe = fixedEffects ? new int[][]{t.codes("state"), t.codes("year")} : new int[0][];
        String[] feNames = fixedEffects ? new String[]{"state", "year"} : new String[0];
        return new Design(lpacks, "log(packs)", new double[][]{lrincome}, new String[]{"log(rincome)"}, fe, feNames,
                null, new double[][]{lrprice}, new String[]{"log(rprice)"}, new double[][]{salestax, cigtax},
                new String[]{"salestax", "cigtax"});
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstStage(Estimate e) {
        return (Map<String, Object>) ((Map<String, Object>) e.diagnostics().get("firstStage")).get("log(rprice)");
    }

    @SuppressWarnings("unchecked")
    private static double stat(Estimate e, String key, String sub) {
        Object o = e.diagnostics().get(key);
        if (o instanceof Map<?, ?> m) {
            Object inner = sub == null ? m : ((Map<String, Object>) m).get(sub);
            return ((Number) ((Map<String, Object>) inner).get("stat")).doubleValue();
        }
        return ((Number) o).doubleValue();
    }

    @Test
    void crossSection1995() {
        JsonNode expected = SharedReference.json("S7_cigarettes_iv").get("expected").get("a_cross_section_1995");
        ReferenceTable all = ReferenceTable.read("S7_cigarettes_iv.csv");
        double[] year = all.num("year");
        Design d = design(all.filter(i -> year[i] == 1995), false);
        ReferenceChecks.allBlocks(expected.get("model"), d, EstimationOptions.DEFAULT, null, null, TOL, "S7a");

        Estimate hc1 = FixedEffectsRegression.fit(d, VcovRequest.hetero(), EstimationOptions.DEFAULT);
        Estimate iid = FixedEffectsRegression.fit(d, VcovRequest.iid(), EstimationOptions.DEFAULT);
        JsonNode fs = expected.get("first_stage");
        Estimate firstHc1 = (Estimate) firstStage(hc1).get("estimate");
        Estimate firstIid = (Estimate) firstStage(iid).get("estimate");
        ReferenceChecks.coefficients(fs.get("coefficients"), firstHc1, TOL, "S7a first stage");
        fs.get("se_hc1").fields().forEachRemaining(c -> ReferenceChecks.close(c.getValue().asDouble(),
                firstHc1.stdErrors()[firstHc1.indexOf(c.getKey())], TOL, "S7a first-stage HC1 se " + c.getKey()));
        fs.get("se_iid").fields().forEachRemaining(c -> ReferenceChecks.close(c.getValue().asDouble(),
                firstIid.stdErrors()[firstIid.indexOf(c.getKey())], TOL, "S7a first-stage iid se " + c.getKey()));
        ReferenceChecks.close(fs.get("r2").get("r2").asDouble(), firstHc1.r2(), TOL, "S7a first-stage r2");
        ReferenceChecks.close(fs.get("partial_r2_excluded").asDouble(), (Double) firstStage(hc1).get("partialR2"), TOL,
                "S7a partial R2");
        ReferenceChecks.close(fs.get("F_homoskedastic").get("stat").asDouble(), stat(hc1, "ivF", "log(rprice)"), TOL, "S7a ivF");
        ReferenceChecks.close(fs.get("F_robust_wald_hc1").get("stat").asDouble(), stat(hc1, "ivWald", "log(rprice)"), TOL,
                "S7a ivWald");
        JsonNode fitstat = expected.get("fixest_fitstat");
        ReferenceChecks.close(fitstat.get("ivwald1::log(rprice)").get("p").asDouble(),
                pValue(hc1, "ivWald", "log(rprice)"), ReferenceChecks.P_VALUE, "S7a ivWald p");
        ReferenceChecks.close(fitstat.get("kpr").get("stat").asDouble(), stat(hc1, "kleibergenPaapF", null), TOL, "S7a kpr");
        ReferenceChecks.close(fitstat.get("kpr").get("p").asDouble(), pValue(hc1, "kleibergenPaapF", null),
                ReferenceChecks.P_VALUE, "S7a kpr p");
        ReferenceChecks.close(fitstat.get("cd").asDouble(), stat(hc1, "craggDonaldF", null), TOL, "S7a cd");
        ReferenceChecks.close(fitstat.get("sargan").get("stat").asDouble(), stat(hc1, "sargan", null), TOL, "S7a sargan");
        ReferenceChecks.close(fitstat.get("sargan").get("p").asDouble(), pValue(hc1, "sargan", null), TOL, "S7a sargan p");
        ReferenceChecks.close(fitstat.get("wh").get("stat").asDouble(), stat(hc1, "wuHausman", null), TOL, "S7a wh");
        ReferenceChecks.close(fitstat.get("wh").get("p").asDouble(), pValue(hc1, "wuHausman", null), TOL, "S7a wh p");
        JsonNode j = expected.get("overidentification").get("hansen_j");
        ReferenceChecks.close(j.get("stat").asDouble(), stat(hc1, "hansenJ", null), TOL, "S7a Hansen J");
        ReferenceChecks.close(j.get("p").asDouble(), pValue(hc1, "hansenJ", null), TOL, "S7a Hansen J p");
        @SuppressWarnings("unchecked")
        Map<String, Double> gmm = (Map<String, Double>) ((Map<String, Object>) hc1.diagnostics().get("hansenJ"))
                .get("gmmCoefficients");
        j.get("gmm2s_coefficients").fields().forEachRemaining(c ->
                ReferenceChecks.close(c.getValue().asDouble(), gmm.get(c.getKey()), TOL, "S7a GMM " + c.getKey()));
    }

    @Test
    void panelWithFixedEffectsClusteredByState() {
        JsonNode expected = SharedReference.json("S7_cigarettes_iv").get("expected").get("b_panel_fe");
        ReferenceTable t = ReferenceTable.read("S7_cigarettes_iv.csv");
        Design d = design(t, true);
        int[] state = t.codes("state");
        ReferenceChecks.allBlocks(expected.get("model"), d, EstimationOptions.DEFAULT, state, "state", TOL, "S7b");

        JsonNode fsModel = expected.get("first_stage").get("model");
        fsModel.get("vcov").fields().forEachRemaining(b -> {
            Estimate iv = FixedEffectsRegression.fit(d, ReferenceChecks.request(b.getKey(), state, "state"),
                    EstimationOptions.DEFAULT);
            Estimate first = (Estimate) firstStage(iv).get("estimate");
            ReferenceChecks.fit(fsModel, first, TOL, "S7b first stage " + b.getKey());
            ReferenceChecks.vcov(b.getValue(), first, TOL, "S7b first stage " + b.getKey());
        });
        Estimate iv = FixedEffectsRegression.fit(d, VcovRequest.cluster(state, "state"), EstimationOptions.DEFAULT);
        JsonNode fs = expected.get("first_stage");
        JsonNode ivf = fs.get("F_homoskedastic_fixest_ivf");
        ReferenceChecks.close(ivf.get("stat").asDouble(), stat(iv, "ivF", "log(rprice)"), TOL, "S7b ivF");
        ReferenceChecks.close(ivf.get("p").asDouble(), pValue(iv, "ivF", "log(rprice)"), ReferenceChecks.P_VALUE, "S7b ivF p");
        @SuppressWarnings("unchecked")
        Map<String, Object> ivfMap = (Map<String, Object>) ((Map<String, Object>) iv.diagnostics().get("ivF")).get("log(rprice)");
        assertEquals(ivf.get("df2").asInt(), ivfMap.get("df2"));
        ReferenceChecks.close(fs.get("F_cluster_wald_default_ssc").get("stat").asDouble(),
                stat(iv, "ivWald", "log(rprice)"), TOL, "S7b ivWald");
        JsonNode fitstat = expected.get("fixest_fitstat");
        ReferenceChecks.close(fitstat.get("ivwald1::log(rprice)").get("p").asDouble(),
                pValue(iv, "ivWald", "log(rprice)"), ReferenceChecks.P_VALUE, "S7b ivWald p");
        ReferenceChecks.close(fs.get("kleibergen_paap_fixest").get("stat").asDouble(), stat(iv, "kleibergenPaapF", null),
                TOL, "S7b kpr");
        ReferenceChecks.close(fs.get("kleibergen_paap_fixest").get("p").asDouble(), pValue(iv, "kleibergenPaapF", null),
                ReferenceChecks.P_VALUE, "S7b kpr p");
        ReferenceChecks.close(fs.get("cragg_donald_fixest").get("stat").asDouble(), stat(iv, "craggDonaldF", null), TOL,
                "S7b cd");
        ReferenceChecks.close(fitstat.get("sargan").get("stat").asDouble(), stat(iv, "sargan", null), TOL, "S7b sargan");
        ReferenceChecks.close(fitstat.get("wh").get("stat").asDouble(), stat(iv, "wuHausman", null), TOL, "S7b wh");
        ReferenceChecks.close(fitstat.get("wh").get("p").asDouble(), pValue(iv, "wuHausman", null), TOL, "S7b wh p");
        @SuppressWarnings("unchecked")
        Map<String, Double> sy = (Map<String, Double>) iv.diagnostics().get("stockYogo");
        assertEquals(4, sy.size());
    }

    @SuppressWarnings("unchecked")
    private static double pValue(Estimate e, String key, String sub) {
        Map<String, Object> m = (Map<String, Object>) e.diagnostics().get(key);
        if (sub != null) {
            m = (Map<String, Object>) m.get(sub);
        }
        return ((Number) m.get("p")).doubleValue();
    }
}
