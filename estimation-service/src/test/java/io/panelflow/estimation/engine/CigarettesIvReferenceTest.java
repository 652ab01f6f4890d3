package io.panelflow.estimation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.testing.SharedReference;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** S7: CigarettesSW 2SLS, 1995 cross-section (HC1) and 1985/1995 panel with state + year FE clustered by state. */
class CigarettesIvReferenceTest {
    private static final double TOL = ReferenceChecks.TIGHT;

    static Design design(ReferenceTable t, boolean fixedEffects) {
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

    /** Every number among stat, p, df, df1, df2 of a reference statistic, against the engine's map of the same keys. */
    @SuppressWarnings("unchecked")
    private static void sameStats(JsonNode expected, Object actual, double pTol, String label) {
        Map<String, Object> m = (Map<String, Object>) actual;
        for (String key : new String[]{"stat", "p", "df", "df1", "df2"}) {
            if (!expected.has(key)) {
                continue;
            }
            Object got = m.get(key);
            org.junit.jupiter.api.Assertions.assertNotNull(got, label + ": no " + key);
            if (key.startsWith("df")) {
                assertEquals(expected.get(key).asInt(), ((Number) got).intValue(), label + " " + key);
            } else {
                ReferenceChecks.close(expected.get(key).asDouble(), ((Number) got).doubleValue(),
                        key.equals("p") ? pTol : TOL, label + " " + key);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> byEndogenous(Estimate e, String key) {
        return (Map<String, Object>) ((Map<String, Object>) e.diagnostics().get(key)).get("log(rprice)");
    }

    /** Data of one year, by state (rows of the case are state-years). */
    private static Map<String, Integer> rowsOfYear(ReferenceTable t, double year) {
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        String[] state = t.text("state");
        double[] y = t.num("year");
        for (int i = 0; i < t.rows(); i++) {
            if (y[i] == year) {
                out.put(state[i], i);
            }
        }
        return out;
    }

    @Test
    void crossSectionFirstStageVariantsAndOveridentification() {
        JsonNode expected = SharedReference.json("S7_cigarettes_iv").get("expected").get("a_cross_section_1995");
        ReferenceTable all = ReferenceTable.read("S7_cigarettes_iv.csv");
        double[] year = all.num("year");
        Design d = design(all.filter(i -> year[i] == 1995), false);
        Estimate hc1 = FixedEffectsRegression.fit(d, VcovRequest.hetero(), EstimationOptions.DEFAULT);
        JsonNode fs = expected.get("first_stage");
        Estimate first = (Estimate) firstStage(hc1).get("estimate");
        assertEquals(fs.get("n_obs").asInt(), first.nobs(), "first-stage n");
        sameStats(fs.get("F_homoskedastic"), byEndogenous(hc1, "ivF"), ReferenceChecks.P_VALUE, "S7a ivF");
        sameStats(fs.get("F_robust_wald_hc1"), byEndogenous(hc1, "ivWald"), ReferenceChecks.P_VALUE, "S7a ivWald");
        // HC0 = HC1 (N − K)/N with the first stage's K, so its Wald F is the HC1 one times N/(N − K)
        double hc1Wald = ((Number) byEndogenous(hc1, "ivWald").get("stat")).doubleValue();
        ReferenceChecks.close(fs.get("F_robust_wald_hc0").get("stat").asDouble(),
                hc1Wald * first.nobs() / (first.nobs() - first.kFull()), TOL, "S7a HC0 Wald F");
        JsonNode fitstat = expected.get("fixest_fitstat");
        sameStats(fitstat.get("ivf1::log(rprice)"), byEndogenous(hc1, "ivF"), ReferenceChecks.P_VALUE, "S7a fitstat ivf");
        sameStats(fitstat.get("ivwald1::log(rprice)"), byEndogenous(hc1, "ivWald"), ReferenceChecks.P_VALUE,
                "S7a fitstat ivwald");
        sameStats(fitstat.get("kpr"), hc1.diagnostics().get("kleibergenPaapF"), ReferenceChecks.P_VALUE, "S7a kpr");
        sameStats(fitstat.get("sargan"), hc1.diagnostics().get("sargan"), TOL, "S7a sargan");
        sameStats(fitstat.get("wh"), hc1.diagnostics().get("wuHausman"), TOL, "S7a wh");
        JsonNode over = expected.get("overidentification");
        sameStats(over.get("sargan"), hc1.diagnostics().get("sargan"), TOL, "S7a Sargan (N R2)");
        sameStats(over.get("hansen_j"), hc1.diagnostics().get("hansenJ"), TOL, "S7a Hansen J");

        // the alternative J of the case: the same quadratic form at the 2SLS residuals (HC0 S)
        double[][] z = {ones(hc1.nobs()), d.x()[0], d.instruments()[0], d.instruments()[1]};
        double[] u = hc1.residuals();
        int n = u.length;
        double[] g = new double[z.length];
        double[][] sMat = new double[z.length][z.length];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < z.length; a++) {
                g[a] += z[a][i] * u[i] / n;
                for (int b = 0; b < z.length; b++) {
                    sMat[a][b] += u[i] * u[i] * z[a][i] * z[b][i] / n;
                }
            }
        }
        double j = n * Matrices.dot(g, Matrices.multiply(Matrices.inverseSpd(sMat), g));
        JsonNode at2sls = over.get("hansen_j_at_2sls");
        ReferenceChecks.close(at2sls.get("stat").asDouble(), j, TOL, "S7a J at 2SLS residuals");
        int df = at2sls.get("df").asInt();
        assertEquals(d.instruments().length - d.endogenous().length, df, "S7a J df");
        ReferenceChecks.close(at2sls.get("p").asDouble(), Distributions.upperChiSquared(j, df), TOL, "S7a J at 2SLS p");
    }

    private static double[] ones(int n) {
        double[] o = new double[n];
        java.util.Arrays.fill(o, 1.0);
        return o;
    }

    @Test
    void panelFirstStageFVariantsAndFitStatistics() {
        JsonNode expected = SharedReference.json("S7_cigarettes_iv").get("expected").get("b_panel_fe");
        ReferenceTable t = ReferenceTable.read("S7_cigarettes_iv.csv");
        Design d = design(t, true);
        int[] state = t.codes("state");
        VcovRequest cluster = VcovRequest.cluster(state, "state");
        Estimate iv = FixedEffectsRegression.fit(d, cluster, EstimationOptions.DEFAULT);
        Estimate ivFull = FixedEffectsRegression.fit(d, cluster.withFixefK(FixefK.FULL), EstimationOptions.DEFAULT);
        JsonNode fs = expected.get("first_stage");
        Estimate first = (Estimate) firstStage(iv).get("estimate");
        assertEquals(fs.get("model").get("n_obs").asInt(), first.nobs(), "first-stage n");
        sameStats(fs.get("F_homoskedastic_fixest_ivf"), byEndogenous(iv, "ivF"), ReferenceChecks.P_VALUE, "S7b ivF");

        // classical F with every fixed effect counted: from the first stage's SSR and partial R2
        JsonNode full = fs.get("F_homoskedastic_full_dof");
        double ssrU = first.rss();
        double partial = (Double) firstStage(iv).get("partialR2");
        double ssrR = ssrU / (1 - partial);
        int df1 = d.instruments().length;
        int df2 = first.nobs() - first.kFull();
        double fFull = (ssrR - ssrU) / df1 / (ssrU / df2);
        ReferenceChecks.close(full.get("ssr_unrestricted").asDouble(), ssrU, TOL, "S7b SSR unrestricted");
        ReferenceChecks.close(full.get("ssr_restricted").asDouble(), ssrR, TOL, "S7b SSR restricted");
        assertEquals(full.get("df1").asInt(), df1, "S7b df1");
        assertEquals(full.get("df2").asInt(), df2, "S7b df2 = N - K_full");
        ReferenceChecks.close(full.get("stat").asDouble(), fFull, TOL, "S7b F with full K");
        ReferenceChecks.close(full.get("p").asDouble(), Distributions.upperF(fFull, df1, df2), ReferenceChecks.P_VALUE,
                "S7b F with full K p");
        ReferenceChecks.close(fs.get("cragg_donald_N_minus_L").get("stat").asDouble(), fFull, TOL,
                "S7b Cragg-Donald (N - L)/L2 = the full-K F with one endogenous regressor");
        ReferenceChecks.close(expected.get("ssr_ratio_first_stage").get("value").asDouble(), (ssrR - ssrU) / ssrU, TOL,
                "S7b SSR ratio");

        double wald = ((Number) byEndogenous(iv, "ivWald").get("stat")).doubleValue();
        ReferenceChecks.close(fs.get("F_cluster_wald_default_ssc").get("stat").asDouble(), wald, TOL, "S7b cluster Wald F");
        assertEquals(fs.get("F_cluster_wald_default_ssc").get("df1").asInt(),
                ((Number) byEndogenous(iv, "ivWald").get("df1")).intValue(), "S7b cluster Wald df1");
        ReferenceChecks.close(fs.get("F_cluster_wald_fixefK_full").get("stat").asDouble(),
                ((Number) byEndogenous(ivFull, "ivWald").get("stat")).doubleValue(), TOL, "S7b cluster Wald F, full K");
        // without any small-sample factor: the default one times the first stage's factor
        ReferenceChecks.close(fs.get("F_cluster_wald_no_ssc").get("stat").asDouble(),
                wald * ((Number) first.diagnostics().get("smallSampleFactor")).doubleValue(), TOL,
                "S7b cluster Wald F, no small-sample factor");
        sameStats(fs.get("kleibergen_paap_fixest"), iv.diagnostics().get("kleibergenPaapF"), ReferenceChecks.P_VALUE,
                "S7b kpr");
        JsonNode fitstat = expected.get("fixest_fitstat");
        sameStats(fitstat.get("ivf1::log(rprice)"), byEndogenous(iv, "ivF"), ReferenceChecks.P_VALUE, "S7b fitstat ivf");
        sameStats(fitstat.get("ivwald1::log(rprice)"), byEndogenous(iv, "ivWald"), ReferenceChecks.P_VALUE,
                "S7b fitstat ivwald");
        sameStats(fitstat.get("kpr"), iv.diagnostics().get("kleibergenPaapF"), ReferenceChecks.P_VALUE, "S7b fitstat kpr");
        ReferenceChecks.close(fitstat.get("cd").asDouble(), stat(iv, "craggDonaldF", null), TOL, "S7b fitstat cd");
        sameStats(fitstat.get("sargan"), iv.diagnostics().get("sargan"), TOL, "S7b fitstat sargan");
        sameStats(fitstat.get("wh"), iv.diagnostics().get("wuHausman"), TOL, "S7b fitstat wh");
    }

    /** With T = 2 the FE + year FE 2SLS equals 2SLS on the 1985 to 1995 differences with an intercept. */
    @Test
    void firstDifferencesEquivalenceStockWatsonJAndSargan() {
        JsonNode json = SharedReference.json("S7_cigarettes_iv");
        JsonNode fd = json.get("expected").get("b_panel_fe").get("fd_equivalence");
        ReferenceTable t = ReferenceTable.read("S7_cigarettes_iv.csv");
        Design panel = design(t, false);
        double[] years = java.util.Arrays.stream(t.num("year")).distinct().sorted().toArray();
        assertEquals(2, years.length, "two years");
        Map<String, Integer> before = rowsOfYear(t, years[0]);
        Map<String, Integer> after = rowsOfYear(t, years[1]);
        int m = after.size();
        double[] dy = new double[m];
        double[] dlr = new double[m];
        double[] dli = new double[m];
        double[] dst = new double[m];
        double[] dct = new double[m];
        int r = 0;
        for (var e : after.entrySet()) {
            int i1 = e.getValue();
            int i0 = before.get(e.getKey());
            dy[r] = panel.y()[i1] - panel.y()[i0];
            dlr[r] = panel.endogenous()[0][i1] - panel.endogenous()[0][i0];
            dli[r] = panel.x()[0][i1] - panel.x()[0][i0];
            dst[r] = panel.instruments()[0][i1] - panel.instruments()[0][i0];
            dct[r] = panel.instruments()[1][i1] - panel.instruments()[1][i0];
            r++;
        }
        Design diff = new Design(dy, "dy", new double[][]{dli}, new String[]{"dli"}, new int[0][], new String[0], null,
                new double[][]{dlr}, new String[]{"dlr"}, new double[][]{dst, dct}, new String[]{"dst", "dct"});
        Estimate e = FixedEffectsRegression.fit(diff, VcovRequest.hetero(), EstimationOptions.DEFAULT);
        fd.get("fd_coefficients").fields().forEachRemaining(c -> ReferenceChecks.close(c.getValue().asDouble(),
                e.coefficients()[e.indexOf(c.getKey())], TOL, "S7 FD coef " + c.getKey()));
        fd.get("fd_se_hc1").fields().forEachRemaining(c -> ReferenceChecks.close(c.getValue().asDouble(),
                e.stdErrors()[e.indexOf(c.getKey())], TOL, "S7 FD HC1 se " + c.getKey()));
        Estimate fe = FixedEffectsRegression.fit(design(t, true), VcovRequest.iid(), EstimationOptions.DEFAULT);
        double maxDiff = Math.max(Math.abs(fe.coefficients()[fe.indexOf("log(rprice)")] - e.coefficients()[e.indexOf("dlr")]),
                Math.abs(fe.coefficients()[fe.indexOf("log(rincome)")] - e.coefficients()[e.indexOf("dli")]));
        assertTrue(maxDiff <= 1e-12 + fd.get("max_abs_diff_coef_vs_fe").asDouble() * 100, "FD = FE, max diff " + maxDiff);
        ReferenceChecks.close(fd.get("sargan_fd").get("stat").asDouble(), stat(e, "sargan", null), TOL, "S7 FD Sargan");

        // Stock and Watson's J = m F: F of the instruments in a regression of the FD 2SLS residuals on [1, dli, dst, dct]
        Estimate aux = FixedEffectsRegression.fit(Design.ols(e.residuals(), "u", new double[][]{dli, dst, dct},
                new String[]{"dli", "dst", "dct"}, new int[0][], new String[0]), VcovRequest.iid(), EstimationOptions.DEFAULT);
        WaldTest.Result w = WaldTest.zero(aux, "dst", "dct");
        JsonNode sw = fd.get("stock_watson_J");
        int instruments = 2;
        double jStat = instruments * w.f();
        ReferenceChecks.close(sw.get("stat").asDouble(), jStat, TOL, "S7 Stock-Watson J");
        assertEquals(sw.get("df").asInt(), instruments - 1, "S7 Stock-Watson J df");
        ReferenceChecks.close(sw.get("p").asDouble(), Distributions.upperChiSquared(jStat, sw.get("df").asInt()), TOL,
                "S7 Stock-Watson J p");
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
