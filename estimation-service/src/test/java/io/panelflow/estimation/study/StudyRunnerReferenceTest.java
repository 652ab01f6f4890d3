package io.panelflow.estimation.study;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.estimation.formula.ReferencePanels;
import io.panelflow.frame.PanelFrame;
import io.panelflow.frame.expr.Expression;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.result.StudyResults;
import io.panelflow.model.spec.HeterogeneitySpec;
import io.panelflow.model.spec.MechanismSpec;
import io.panelflow.model.spec.ModelSpec;
import io.panelflow.model.spec.PanelSpec;
import io.panelflow.model.spec.RobustnessSpec;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.model.spec.VcovSpec;
import io.panelflow.testing.SharedReference;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.panelflow.estimation.study.ReferenceAssertions.TIGHT;
import static io.panelflow.estimation.study.ReferenceAssertions.close;
import static io.panelflow.estimation.study.ReferenceAssertions.matchesModel;
import static io.panelflow.estimation.study.ReferenceAssertions.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Full path CSV → PanelFrame → formula → engine → ModelResult against the reference cases. */
class StudyRunnerReferenceTest {

    private static StudySpec study(PanelSpec panel, List<ModelSpec> models, List<RobustnessSpec> robustness,
                                   List<HeterogeneitySpec> heterogeneity, List<MechanismSpec> mechanisms) {
        return new StudySpec("reference", null, panel, null, null, null, null, null, models, robustness, heterogeneity,
                mechanisms, null, null, null, null);
    }

    private static ModelSpec model(String id, String formula, boolean stepwise, String singletons) {
        return new ModelSpec(id, null, formula, VcovSpec.DEFAULT, stepwise, singletons, null, null);
    }

    private static ModelResult result(StudyResults r, String id) {
        return r.models().stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no result " + id + "; notes: " + r.notes()));
    }

    @Test
    void s2StepwiseColumnsMatchTheFourTwoWayModels() {
        JsonNode json = SharedReference.json("S2_produc_twfe_stepwise");
        PanelFrame produc = ReferencePanels.read("S2_produc_twfe_stepwise.csv", "state", "year");
        JsonNode expected = json.get("expected");
        StudyResults r = StudyRunner.run(produc, study(new PanelSpec("state", "year", null, null),
                List.of(model("baseline", json.get("spec").get("columns").get("col4_twfe").asText(), true, null)),
                null, null, null));
        assertEquals(4, r.models().size(), r.notes().toString());
        for (int j = 1; j <= 4; j++) {
            ModelResult m = result(r, "baseline/" + j);
            matchesModel(expected.get("col" + j + "_twfe"), m, "cluster_state", TIGHT);
            assertEquals(expected.get("col" + j + "_twfe").get("formula").asText(), m.formula());
            assertEquals(0, m.dropped().missing());
            assertEquals("cluster", m.vcov().type());
            assertEquals(List.of("state"), m.vcov().by());
        }
    }

    @Test
    void s10MediationPathsAndSobel() {
        JsonNode json = SharedReference.json("S10_produc_mediation");
        PanelFrame produc = ReferencePanels.read("S10_produc_mediation.csv", "state", "year");
        JsonNode spec = json.get("spec");
        JsonNode expected = json.get("expected");
        StudyResults r = StudyRunner.run(produc, study(new PanelSpec("state", "year", null, null),
                List.of(model("total", spec.get("regressions").get("total").asText(), false, null)), null, null,
                List.of(new MechanismSpec(spec.get("M").asText(), null, null, null, 40, 7L))));
        String prefix = "mechanism/" + spec.get("M").asText() + "/";
        matchesModel(expected.get("total_effect_Y_on_X"), result(r, "total"), "cluster_state", TIGHT);
        matchesModel(expected.get("total_effect_Y_on_X"), result(r, prefix + "total"), "cluster_state", TIGHT);
        matchesModel(expected.get("a_path_M_on_X"), result(r, prefix + "a"), "cluster_state", TIGHT);
        ModelResult direct = result(r, prefix + "direct");
        matchesModel(expected.get("direct_Y_on_X_and_M"), direct, "cluster_state", TIGHT);
        assertEquals(expected.get("direct_Y_on_X_and_M").get("formula").asText(), direct.formula());

        @SuppressWarnings("unchecked")
        Map<String, Object> mediation = (Map<String, Object>) direct.diagnostics().get("mediation");
        JsonNode sobel = expected.get("sobel");
        close(sobel.get("a").asDouble(), (double) mediation.get("a"), TIGHT, "a");
        close(sobel.get("se_a").asDouble(), (double) mediation.get("seA"), TIGHT, "se_a");
        close(sobel.get("b").asDouble(), (double) mediation.get("b"), TIGHT, "b");
        close(sobel.get("se_b").asDouble(), (double) mediation.get("seB"), TIGHT, "se_b");
        close(sobel.get("c_total").asDouble(), (double) mediation.get("cTotal"), TIGHT, "c");
        close(sobel.get("c_prime_direct").asDouble(), (double) mediation.get("cPrimeDirect"), TIGHT, "c'");
        close(sobel.get("indirect_ab").asDouble(), (double) mediation.get("indirect"), TIGHT, "a*b");
        close(sobel.get("se_indirect_sobel").asDouble(), (double) mediation.get("sobelSe"), TIGHT, "Sobel se");
        close(sobel.get("sobel_z").asDouble(), (double) mediation.get("sobelZ"), TIGHT, "Sobel z");
        close(sobel.get("sobel_p_two_sided_normal").asDouble(), (double) mediation.get("sobelP"), 1e-6, "Sobel p");
        close(sobel.get("proportion_mediated").asDouble(), (double) mediation.get("proportionMediated"), TIGHT, "share");
        @SuppressWarnings("unchecked")
        Map<String, Object> boot = (Map<String, Object>) mediation.get("bootstrap");
        assertEquals(40, boot.get("successful"));
        assertEquals(expected.get("direct_Y_on_X_and_M").get("vcov").get("cluster_state").get("n_clusters").asInt(),
                boot.get("clusters"));
        double lo = (double) boot.get("ciLow");
        double hi = (double) boot.get("ciHigh");
        assertTrue(lo < hi && lo < sobel.get("indirect_ab").asDouble() + 1 && hi > 0, lo + " .. " + hi);

        // the same mediation with every fixed effect counted in K (ssc fixef.K = "full")
        VcovSpec full = new VcovSpec("cluster", List.of(json.get("spec").get("cluster").asText().split(" ")[0]), null, "full");
        StudyResults rf = StudyRunner.run(produc, study(new PanelSpec("state", "year", null, null),
                List.of(new ModelSpec("total", null, spec.get("regressions").get("total").asText(), full, false, null, null,
                        null)), null, null,
                List.of(new MechanismSpec(spec.get("M").asText(), null, null, null, null, null))));
        matchesModel(expected.get("total_effect_Y_on_X"), result(rf, "total"), "cluster_state_fixefK_full", TIGHT);
        matchesModel(expected.get("a_path_M_on_X"), result(rf, prefix + "a"), "cluster_state_fixefK_full", TIGHT);
        ModelResult directFull = result(rf, prefix + "direct");
        matchesModel(expected.get("direct_Y_on_X_and_M"), directFull, "cluster_state_fixefK_full", TIGHT);
        @SuppressWarnings("unchecked")
        Map<String, Object> mf = (Map<String, Object>) directFull.diagnostics().get("mediation");
        JsonNode sf = expected.get("sobel_with_fixefK_full_se");
        close(sf.get("se_a").asDouble(), (double) mf.get("seA"), TIGHT, "full K se_a");
        close(sf.get("se_b").asDouble(), (double) mf.get("seB"), TIGHT, "full K se_b");
        close(sf.get("indirect_ab").asDouble(), (double) mf.get("indirect"), TIGHT, "full K a*b");
        close(sf.get("se_indirect_sobel").asDouble(), (double) mf.get("sobelSe"), TIGHT, "full K Sobel se");
        close(sf.get("sobel_z").asDouble(), (double) mf.get("sobelZ"), TIGHT, "full K Sobel z");
        close(sf.get("sobel_p_two_sided_normal").asDouble(), (double) mf.get("sobelP"), 1e-6, "full K Sobel p");
        close(sf.get("proportion_mediated").asDouble(), (double) mf.get("proportionMediated"), TIGHT, "full K share");
    }

    @Test
    void s11LagExclusionAndQuartileSubsamples() {
        JsonNode json = SharedReference.json("S11_produc_lag_and_subsample");
        PanelFrame produc = ReferencePanels.read("S11_produc_lag_and_subsample.csv", "state", "year");
        JsonNode expected = json.get("expected");
        String full = expected.get("b_excl_region9").get("formula").asText();
        PanelSpec panel = new PanelSpec("state", "year", null, null);
        StudyResults r = StudyRunner.run(produc, study(panel,
                List.of(model("full", full, false, null), model("lag", expected.get("a_lag").get("formula").asText(), false, null)),
                List.of(new RobustnessSpec("no-region-9", "full", null, null, Map.of("region", List.of("9")), null, null, null)),
                List.of(new HeterogeneitySpec("unemp", "quartiles", "full")), null));
        assertTrue(r.notes().isEmpty(), r.notes().toString());
        ModelResult lag = result(r, "lag");
        matchesModel(expected.get("a_lag"), lag, "cluster_state", TIGHT);
        assertEquals(expected.get("a_lag").get("n_obs_removed").asInt(), lag.dropped().missing());
        matchesModel(expected.get("b_excl_region9"), result(r, "robustness/no-region-9"), "cluster_state", TIGHT);

        JsonNode quartiles = expected.get("c_quartiles");
        for (int q = 1; q <= 4; q++) {
            JsonNode e = quartiles.get("Q" + q);
            ModelResult m = result(r, "heterogeneity/unemp/Q" + q);
            matchesModel(e.get("singletons_kept_full_model"), m, "cluster_state", TIGHT);
            close(e.get("coef_log_pcap").asDouble(), m.coefficient("log(pcap)").estimate(), TIGHT, "Q" + q + " coef");
            close(e.get("se_log_pcap_cluster_state").asDouble(), m.coefficient("log(pcap)").stdError(), TIGHT, "Q" + q + " se");
            close(e.get("p_log_pcap_cluster_state").asDouble(), m.coefficient("log(pcap)").pValue(), 1e-6, "Q" + q + " p");
            assertEquals(e.get("n_clusters").asInt(), m.vcov().clusters().get(0));
            assertEquals(e.get("n_obs").asInt(), m.nobs(), "Q" + q + " n");
            @SuppressWarnings("unchecked")
            Map<String, Object> group = (Map<String, Object>) m.diagnostics().get("group");
            assertEquals(e.get("interval").get("lower").asDouble(), (double) group.get("lower"), 1e-12, "Q" + q + " lower");
            assertEquals(e.get("interval").get("upper").asDouble(), (double) group.get("upper"), 1e-12, "Q" + q + " upper");
            assertEquals(0, m.dropped().singletons());
            assertTrue(m.diagnostics().containsKey("groupDifference"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> diff = (Map<String, Object>) result(r, "heterogeneity/unemp/Q1").diagnostics().get("groupDifference");
        assertEquals(3, diff.get("df1"), diff.toString());
        assertTrue((double) diff.get("pValue") > 0 && (double) diff.get("pValue") < 1);

        VcovSpec fullK = new VcovSpec("cluster", List.of("state"), null, "full");
        StudyResults fullKResults = StudyRunner.run(produc, study(panel,
                List.of(new ModelSpec("full", null, full, fullK, false, null, null, null)), null,
                List.of(new HeterogeneitySpec("unemp", "quartiles", null)), null));
        for (int q = 1; q <= 4; q++) {
            JsonNode e = quartiles.get("Q" + q);
            ModelResult m = result(fullKResults, "heterogeneity/unemp/Q" + q);
            matchesModel(e.get("singletons_kept_full_model"), m, "cluster_state_fixefK_full", TIGHT);
            close(e.get("se_log_pcap_cluster_state_fixefK_full").asDouble(), m.coefficient("log(pcap)").stdError(), TIGHT,
                    "Q" + q + " se with full K");
        }

        StudyResults dropped = StudyRunner.run(produc, study(panel, List.of(model("full", full, false, "drop")), null,
                List.of(new HeterogeneitySpec("unemp", "quartiles", null)), null));
        for (int q = 1; q <= 4; q++) {
            JsonNode e = quartiles.get("Q" + q).get("singletons_dropped");
            ModelResult m = result(dropped, "heterogeneity/unemp/Q" + q);
            matchesModel(e.get("model"), m, "cluster_state", TIGHT);
            close(e.get("coef_log_pcap").asDouble(), m.coefficient("log(pcap)").estimate(), TIGHT, "Q" + q + " dropped coef");
            close(e.get("se_log_pcap_cluster_state").asDouble(), m.coefficient("log(pcap)").stdError(), TIGHT,
                    "Q" + q + " dropped se");
            assertEquals(quartiles.get("Q" + q).get("n_obs").asInt() - e.get("n_obs").asInt(), m.dropped().singletons());
            assertEquals(e.get("n_clusters").asInt(), m.vcov().clusters().get(0));
        }
    }

    /** S3 from a spec: {@code hausman: true} gives the one-way FE model, the Swamy–Arora RE model and plm's phtest. */
    @Test
    void s3HausmanFromTheSpec() {
        JsonNode json = SharedReference.json("S3_produc_hausman");
        JsonNode s = json.get("spec");
        List<String> regressors = new java.util.ArrayList<>();
        s.get("regressors").forEach(r -> regressors.add(r.asText()));
        String formula = s.get("dependent").asText() + " ~ " + String.join(" + ", regressors) + " | state + year";
        StudySpec spec = io.panelflow.model.spec.SpecReader.read("""
                name: s3
                panel: {unit: state, time: year}
                models:
                  - {id: fe, formula: "%s", vcov: iid, hausman: true}
                """.formatted(formula));
        PanelFrame produc = ReferencePanels.read("S3_produc_hausman.csv", "state", "year");
        StudyResults r = StudyRunner.run(produc, spec);
        assertTrue(r.notes().isEmpty(), r.notes().toString());
        JsonNode expected = json.get("expected");

        ModelResult fe = result(r, "fe");
        JsonNode w = expected.get("fe_within");
        assertEquals(expected.get("panel").get("N").asInt(), fe.nobs());
        assertEquals(List.of("state"), fe.fixedEffects().stream().map(f -> f.name()).toList(), "one-way in the first FE");
        assertEquals(expected.get("panel").get("n_groups").asInt(), fe.fixedEffects().get(0).levels());
        assertEquals(w.get("df_residual").asInt(), ((Number) fe.diagnostics().get("dfResidual")).intValue());
        close(w.get("rss").asDouble(), number(fe, "rss"), TIGHT, "FE rss");
        close(w.get("r2_within").asDouble(), fe.r2Within(), TIGHT, "FE within R2");
        assertEquals(w.get("coefficients").size(), fe.coefficients().size());
        for (String stat : new String[]{"coefficients", "se", "t", "p"}) {
            w.get(stat).fields().forEachRemaining(e -> {
                var c = fe.coefficient(e.getKey());
                double got = switch (stat) {
                    case "coefficients" -> c.estimate();
                    case "se" -> c.stdError();
                    case "t" -> c.statistic();
                    default -> c.pValue();
                };
                close(e.getValue().asDouble(), got, stat.equals("p") ? ReferenceAssertions.P_VALUE : TIGHT,
                        "FE " + stat + " " + e.getKey());
            });
        }

        ModelResult re = result(r, "fe/re");
        JsonNode g = expected.get("re_swamy_arora");
        assertEquals(expected.get("panel").get("N").asInt(), re.nobs());
        assertEquals(g.get("coefficients").size(), re.coefficients().size());
        for (String stat : new String[]{"coefficients", "se", "stat", "p"}) {
            g.get(stat).fields().forEachRemaining(e -> {
                var c = re.coefficient(e.getKey());
                double got = switch (stat) {
                    case "coefficients" -> c.estimate();
                    case "se" -> c.stdError();
                    case "stat" -> c.statistic();
                    default -> c.pValue();
                };
                close(e.getValue().asDouble(), got, stat.equals("p") ? ReferenceAssertions.P_VALUE : TIGHT,
                        "RE " + stat + " " + e.getKey());
            });
        }
        close(g.get("r2_plm").asDouble(), re.r2(), TIGHT, "RE R2");
        close(g.get("theta").asDouble(), number(re, "theta"), TIGHT, "theta");
        close(g.get("sigma2_idiosyncratic").asDouble(), number(re, "sigma2Idiosyncratic"), TIGHT, "sigma2 e");
        close(g.get("sigma2_individual").asDouble(), number(re, "sigma2Individual"), TIGHT, "sigma2 u");
        close(g.get("rss_transformed").asDouble(), number(re, "rssTransformed"), TIGHT, "RSS*");
        assertEquals(g.get("df_residual").asInt(), (int) number(re, "dfResidual"), "RE df");
        assertEquals(expected.get("panel").get("n_groups").asInt(), (int) number(re, "units"));

        @SuppressWarnings("unchecked")
        Map<String, Object> h = (Map<String, Object>) fe.diagnostics().get("hausman");
        JsonNode eh = expected.get("hausman");
        close(eh.get("statistic").asDouble(), ((Number) h.get("statistic")).doubleValue(), TIGHT, "Hausman chi2");
        assertEquals(eh.get("df").asInt(), h.get("df"), "Hausman df");
        close(eh.get("p_value").asDouble(), ((Number) h.get("pValue")).doubleValue(), TIGHT, "Hausman p");
        @SuppressWarnings("unchecked")
        Map<String, Object> robust = (Map<String, Object>) h.get("robust");
        assertEquals(eh.get("df").asInt(), robust.get("df"), "robust Hausman df");
        double rs = ((Number) robust.get("statistic")).doubleValue();
        double rp = ((Number) robust.get("pValue")).doubleValue();
        assertTrue(rs > 0 && rp > 0 && rp < 1, "robust Hausman " + rs + " p " + rp);
        assertTrue(fe.notes().stream().anyMatch(n -> n.contains("other fixed effects")), fe.notes().toString());
    }

    private static String instruments(JsonNode list) {
        List<String> out = new java.util.ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return String.join(" + ", out);
    }

    @Test
    void s7PanelInstrumentalVariablesThroughTheFormulaSyntax() {
        JsonNode json = SharedReference.json("S7_cigarettes_iv");
        PanelFrame cig = ReferencePanels.read("S7_cigarettes_iv.csv", "state", "year");
        var derived = json.get("spec").get("derived_variables").fields();
        while (derived.hasNext()) {
            var d = derived.next();
            cig = cig.withNumeric(d.getKey(), Expression.parse(d.getValue().asText()).evaluate(cig));
        }
        JsonNode b = json.get("spec").get("b_panel_fe");
        String formula = b.get("dependent").asText() + " ~ " + b.get("exogenous").asText() + " | state + year | "
                + b.get("endogenous").asText() + " ~ " + instruments(b.get("excluded_instruments"));
        StudyResults r = StudyRunner.run(cig, study(new PanelSpec("state", "year", null, null),
                List.of(model("iv", formula, false, null)), null, null, null));
        ModelResult m = result(r, "iv");
        assertEquals("iv", m.group());
        matchesModel(json.get("expected").get("b_panel_fe").get("model"), m, "cluster_state", TIGHT);
    }
}
