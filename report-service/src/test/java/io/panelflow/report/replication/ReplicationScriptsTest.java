package io.panelflow.report.replication;

import io.panelflow.model.panel.PanelColumn;
import io.panelflow.model.panel.PanelTable;
import io.panelflow.model.result.Coefficient;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.result.StudyResults;
import io.panelflow.model.result.VcovInfo;
import io.panelflow.model.spec.SpecReader;
import io.panelflow.model.spec.StudySpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The replication scripts' content, structurally: every replicable result id is estimated, and the formulas,
 * variances and samples of representative models (two-way FE, stepwise, clustered, IV with a shift-share
 * instrument, a lag, an excluded subsample, quartile and value groups, mediation, staggered DID) are translated
 * as expected. Running them is the system test's job (where R is installed).
 */
class ReplicationScriptsTest {
    static final VcovInfo CLUSTER = new VcovInfo("cluster", List.of("province"), List.of(31), null, "G/(G-1)");
    static final String CONTROLS = "log(pgdp) + urban + gov + log(density)";

    static StudySpec demoSpec() throws IOException {
        return SpecReader.read(Files.readString(Path.of("../deploy/demo/demo-spec.yaml")));
    }

    static ModelResult result(String id, String formula, VcovInfo vcov, Map<String, Object> diagnostics, String... terms) {
        List<Coefficient> cs = new ArrayList<>();
        for (String t : terms) {
            cs.add(new Coefficient(t, 0.5, 0.1, 5, 0.001, 0.3, 0.7));
        }
        return new ModelResult(id, "baseline", id, formula, "Y", 310, null, null, vcov, cs, 0.9, 0.8, 0.5, 0.1,
                diagnostics, null);
    }

    static StudyResults demoLikeResults() {
        List<ModelResult> m = new ArrayList<>();
        m.add(result("baseline/1", "Y ~ DT_eq | province + year", CLUSTER, Map.of(), "DT_eq"));
        m.add(result("baseline/5", "Y ~ DT_eq + " + CONTROLS + " | province + year", CLUSTER, Map.of(), "DT_eq", "log(pgdp)"));
        m.add(result("robustness/drop-municipalities", "Y ~ DT_eq + " + CONTROLS + " | province + year", CLUSTER, Map.of(), "DT_eq"));
        m.add(result("robustness/lag", "Y ~ l(DT_eq, 1) + " + CONTROLS + " | province + year", CLUSTER, Map.of(), "l(DT_eq, 1)"));
        m.add(result("robustness/region-year-fe", "Y ~ DT_eq + " + CONTROLS + " | province + year + region^year", CLUSTER,
                Map.of(), "DT_eq"));
        m.add(result("robustness/iv-bartik", "Y ~ " + CONTROLS + " | province + year | DT_eq ~ bartik(DT_eq)", CLUSTER,
                Map.of(), "DT_eq", "log(pgdp)"));
        m.add(result("heterogeneity/region/east", "Y ~ DT_eq + " + CONTROLS + " | province + year", CLUSTER,
                Map.of("group", Map.of("by", "region", "name", "east", "rule", "region = east")), "DT_eq"));
        m.add(result("heterogeneity/gov/Q1", "Y ~ DT_eq + " + CONTROLS + " | province + year", CLUSTER,
                Map.of("group", Map.of("by", "gov", "name", "Q1", "lower", 0.1, "upper", 0.18)), "DT_eq"));
        m.add(result("heterogeneity/gov/Q2", "Y ~ DT_eq + " + CONTROLS + " | province + year", CLUSTER,
                Map.of("group", Map.of("by", "gov", "name", "Q2", "lower", 0.18, "upper", 0.23)), "DT_eq"));
        m.add(result("heterogeneity/gov/Q4", "Y ~ DT_eq + " + CONTROLS + " | province + year", CLUSTER,
                Map.of("group", Map.of("by", "gov", "name", "Q4", "lower", 0.3, "upper", 0.6)), "DT_eq"));
        m.add(result("mechanism/innovation/a", "innovation ~ DT_eq + " + CONTROLS + " | province + year", CLUSTER, Map.of(), "DT_eq"));
        m.add(result("mechanism/innovation/direct", "Y ~ DT_eq + innovation + " + CONTROLS + " | province + year", CLUSTER,
                Map.of(), "DT_eq", "innovation"));
        m.add(result("did/broadband-pilot/twfe", "Y ~ treat_post + DT_eq + innovation + log(pgdp) + urban + gov | province + year",
                CLUSTER, Map.of(), "treat_post"));
        m.add(result("did/broadband-pilot/event-study", "Y ~ i(rel_time, ref = c(-1, -1000)) + DT_eq + innovation + log(pgdp) + urban + gov | province + year",
                CLUSTER, Map.of(), "rel_time::-3", "rel_time::0", "DT_eq"));
        m.add(result("did/broadband-pilot/sun-abraham", "Y ~ sunab(pilot_year, year) + DT_eq | province + year", CLUSTER,
                Map.of(), "ATT", "rel_time::-3", "rel_time::0"));
        m.add(result("did/broadband-cs/callaway-santanna", "Y ~ att_gt(pilot_year) + urban + gov", CLUSTER, Map.of(),
                "ATT", "rel_time::0"));
        m.add(result("threshold/development", "Y ~ DT_eq x 1(log(pgdp) <= gamma)", CLUSTER, Map.of(), "DT_eq_low"));
        m.add(result("dml/dml-lasso", "Y ~ DT_eq + g(urban)", new VcovInfo("hetero", null, null, null, "HC1"), Map.of(), "DT_eq"));
        return new StudyResults("r1", m, List.of());
    }

    @Test
    void everyFixedEffectsResultIsPlannedAndTheOthersAreListedWithAReason() throws IOException {
        ReplicationPlan plan = ReplicationPlan.of(demoSpec(), demoLikeResults());
        assertEquals("province", plan.unit());
        assertEquals("year", plan.time());
        assertEquals(16, plan.models().size(), plan.skipped().toString());
        assertEquals(List.of("threshold/development", "dml/dml-lasso"), plan.skipped().stream().map(ReplicationPlan.Skipped::id).toList());
        ReplicatedModel step = plan.models().get(0);
        assertEquals(new SampleRule.SameRowsAs("Y ~ DT_eq + log(pgdp) + urban + gov + log(density) | province + year",
                new SampleRule.AllRows()), step.sample(), "stepwise columns on the full model's rows");
        assertEquals(new SampleRule.Excluding(Map.of("province", List.of("Beijing", "Tianjin", "Shanghai", "Chongqing"))),
                plan.models().get(2).sample());
        assertEquals(new SampleRule.ValueGroup("region", "east"), plan.models().get(6).sample());
        assertEquals(new SampleRule.Interval("gov", null, 0.18), plan.models().get(7).sample());
        assertEquals(new SampleRule.Interval("gov", 0.18, 0.23), plan.models().get(8).sample());
        assertEquals(new SampleRule.Interval("gov", 0.3, null), plan.models().get(9).sample());
    }

    @Test
    void theRScriptEstimatesEachModelWithFixestAsPanelflowDefinesIt() throws IOException {
        ReplicationPlan plan = ReplicationPlan.of(demoSpec(), demoLikeResults());
        String r = RReplicationScript.write("r1", plan, "estimation-panel.csv");
        for (ReplicatedModel m : plan.models()) {
            assertTrue(r.contains("pf_try(\"" + m.id() + "\"") || r.contains("pf_try(\"" + m.id() + "\","), m.id() + "\n" + r);
        }
        assertTrue(r.contains("# Not replicated here:\n#   threshold/development: "), r);
        assertTrue(r.contains("read.csv(\"estimation-panel.csv\""), r);
        // two-way FE, clustered by province, stepwise column on the full model's rows
        assertTrue(r.contains("  pf_rows <- obs(feols(Y ~ DT_eq + log(pgdp) + urban + gov + log(density) | province + year, data = d, vcov = ~province))\n"
                + "  pf_fit(\"baseline/1\", Y ~ DT_eq | province + year, data = d, subset = pf_rows, vcov = ~province)"), r);
        // a lag: computed on the whole panel by exact (unit, year - 1) lookup, named back to panelflow's term
        assertTrue(r.contains("d[[\"pf_1\"]] <- pf_lag(with(d, DT_eq), 1)   # l(DT_eq, 1)"), r);
        assertTrue(r.contains("pf_fit(\"robustness/lag\", Y ~ pf_1 + log(pgdp) + urban + gov + log(density) | province + year, data = d, vcov = ~province,\n"
                + "         rename = c(\"pf_1\" = \"l(DT_eq, 1)\"))"), r);
        // IV with the shift-share instrument; fixest's fit_DT_eq is panelflow's DT_eq
        assertTrue(r.contains("d[[\"pf_2\"]] <- pf_bartik(with(d, DT_eq))   # bartik(DT_eq)"), r);
        assertTrue(r.contains("pf_fit(\"robustness/iv-bartik\", Y ~ log(pgdp) + urban + gov + log(density) | province + year | DT_eq ~ pf_2, data = d, vcov = ~province,\n"
                + "         rename = c(\"fit_DT_eq\" = \"DT_eq\"))"), r);
        // subsamples: excluded provinces, a region, a quartile interval
        assertTrue(r.contains("subset = !(as.character(d[[\"province\"]]) %in% c(\"Beijing\", \"Tianjin\", \"Shanghai\", \"Chongqing\"))"), r);
        assertTrue(r.contains("subset = which(as.character(d[[\"region\"]]) == \"east\")"), r);
        assertTrue(r.contains("subset = which(pf_eval(\"gov\") > 0.18 & pf_eval(\"gov\") <= 0.23)"), r);
        assertTrue(r.contains("| province + year + region^year, data = d, vcov = ~province)"), r);
        // mediation paths on the direct model's rows
        assertTrue(r.contains("pf_rows <- obs(feols(Y ~ DT_eq + innovation + log(pgdp) + urban + gov + log(density) | province + year"), r);
        // staggered DID
        assertTrue(r.contains("pf_fit(\"did/broadband-pilot/twfe\", Y ~ treat_post + DT_eq + innovation + log(pgdp) + urban + gov | province + year, data = pf_did_data(\"pilot_year\"), vcov = ~province)"), r);
        assertTrue(r.contains("Y ~ i(rel_time, ref = c(-1, -1000)) + DT_eq"), r);
        assertTrue(r.contains("m <- feols(Y ~ sunab(pf_cohort, year) + DT_eq + innovation + log(pgdp) + urban + gov | province + year"), r);
        assertTrue(r.contains("did::att_gt(yname = \"Y\", tname = \"year\", idname = \"pf_id\", gname = \"pf_cohort\""), r);
        assertTrue(r.contains("xformla = ~ urban + gov, control_group = \"notyettreated\""), r);
        assertTrue(r.contains("est_method = \"dr\", bstrap = FALSE, cband = FALSE"), r);
        assertTrue(r.contains("write.csv(pf_all, \"replicate-results.csv\""), r);
    }

    @Test
    void theVarianceOptionsFollowFixestsNames() {
        ReplicationPlan plan = new ReplicationPlan("unit", "t", List.of(), List.of());
        assertEquals("\"iid\"", RReplicationScript.vcov(new VcovInfo("iid", null, null, null, null), plan));
        assertEquals("\"hetero\"", RReplicationScript.vcov(new VcovInfo("hetero", null, null, null, null), plan));
        assertEquals("~a + b", RReplicationScript.vcov(new VcovInfo("cluster", List.of("a", "b"), null, null, null), plan));
        assertEquals("DK(2) ~ t", RReplicationScript.vcov(new VcovInfo("driscoll-kraay", null, null, 2, null), plan));
        ReplicatedModel full = new ReplicatedModel("m", ReplicatedModel.Kind.FIXED_EFFECTS, "y ~ x | unit",
                new VcovInfo("cluster", List.of("unit"), null, null, null), "full", "w", true, new SampleRule.AllRows(), null, List.of());
        assertEquals(", vcov = ~unit, ssc = ssc(fixef.K = \"full\"), weights = ~w, fixef.rm = \"singleton\"",
                RReplicationScript.options(full, plan));
    }

    @Test
    void theStataScriptUsesReghdfeAndIvreghdfeWithTheSameModels() throws IOException {
        ReplicationPlan plan = ReplicationPlan.of(demoSpec(), demoLikeResults());
        List<String> columns = List.of("province", "year", "region", "Y", "DT_eq", "pgdp", "urban", "gov", "density",
                "innovation", "pilot_year", "log x");
        String s = StataReplicationScript.write("r1", plan, "estimation-panel.dta", columns, Set.of("province", "region"));
        for (ReplicatedModel m : plan.models()) {
            assertTrue(s.contains("* " + m.id()), m.id());
        }
        assertTrue(s.contains("use \"estimation-panel.dta\", clear"), s);
        assertTrue(s.contains("* log_x is the column 'log x' (its variable label)"), s);
        assertTrue(s.contains("xtset __unit year"), s);
        assertTrue(s.contains("gen double __x1 = L1.DT_eq"), s);
        assertTrue(s.contains("gen double __x2 = ln(pgdp)"), s);
        assertTrue(s.contains("reghdfe __y __x1 __x2 __x3 __x4 __x5, absorb(__f1 __f2) vce(cluster __c1) keepsingletons"), s);
        assertTrue(s.contains("gen double __z1 = (L1.DT_eq * (__h1 - L1.__h1))"), s);
        assertTrue(s.contains("ivreghdfe __y __x1 __x2 __x3 __x4 (__e1 = __z1), absorb(__f1 __f2) cluster(__c1) small"), s);
        assertTrue(s.contains("gen byte __s = province != `\"Beijing\"' & province != `\"Tianjin\"'"), s);
        assertTrue(s.contains("gen byte __s = !missing(gov) & gov > 0.18 & gov <= 0.23"), s);
        assertTrue(s.contains("egen long __f3 = group(region year)"), s);
        assertTrue(s.contains("pf_post `pf' `\"robustness/lag\"' `\"l(DT_eq, 1)\"' __x1"), s);
        assertTrue(s.contains("gen double __x1 = (__rt == -3)"), s);
        assertTrue(s.contains("csdid __y urban gov, ivar(__unit) time(year) gvar(__cohort) method(dripw) notyet"), s);
    }

    @Test
    void theEstimationPanelCsvReadsBackToTheSameNumbers() {
        PanelTable t = new PanelTable("province", "year", null, List.of(
                PanelColumn.text("province", new String[]{"北京", "A, \"B\""}),
                PanelColumn.numeric("year", new double[]{2013.0, 2014.0}),
                PanelColumn.numeric("x", new double[]{0.1 + 0.2, Double.NaN})));
        String csv = EstimationPanelCsv.write(t);
        assertEquals("province,year,x\r\n北京,2013,0.30000000000000004\r\n\"A, \"\"B\"\"\",2014,\r\n", csv);
    }

    @Test
    void theEstimationPanelDtaReadsBackToTheSameValuesUnderStataNames() throws IOException {
        PanelTable t = new PanelTable("省份", "year", null, List.of(
                PanelColumn.text("省份", new String[]{"北京", null}),
                PanelColumn.numeric("year", new double[]{2013.0, 2014.0}),
                PanelColumn.numeric("log x", new double[]{0.1 + 0.2, Double.NaN})));
        Path file = Files.createTempFile("panel", ".dta");
        try {
            Files.write(file, EstimationPanelDta.write("r1", t));
            try (io.panelflow.dta.DtaReader r = io.panelflow.dta.DtaReader.open(file)) {
                assertEquals(118, r.release());
                assertEquals(List.of("省份", "year", "log_x"), r.variables().stream().map(io.panelflow.dta.DtaVariable::name).toList());
                assertEquals("log x", r.variables().get(2).label());
                List<Object[]> rows = new ArrayList<>();
                r.readRows((i, row) -> rows.add(row));
                assertEquals(List.of("北京", 2013.0, 0.1 + 0.2), List.of(rows.get(0)));
                assertEquals(java.util.Arrays.asList("", 2014.0, null), java.util.Arrays.asList(rows.get(1)));
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
