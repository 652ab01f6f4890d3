package io.panelflow.report.document;

import io.panelflow.model.result.Coefficient;
import io.panelflow.model.result.DroppedRows;
import io.panelflow.model.result.IndexResult;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.result.StudyResults;
import io.panelflow.model.spec.SpecReader;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.report.render.ReportContent;
import io.panelflow.report.table.Labels;
import io.panelflow.report.table.Row;
import io.panelflow.report.table.Table;
import io.panelflow.report.table.TableOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.panelflow.report.table.SampleResults.CLUSTER_PROVINCE;
import static io.panelflow.report.table.SampleResults.TWO_WAY;
import static io.panelflow.report.table.SampleResults.coef;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cases the demo report showed: event-study rows interleaved with the controls, counts with decimals
 * ("n = 310.000"), p-values printed "0.000", threshold regimes named {@code DT_eq_low}, and captions qualified
 * twice ("(equal weights) (equal)"). Each built from results shaped as the demo's.
 */
class TablePolishTest {

    private static final StudySpec SPEC = SpecReader.read("""
            name: polish
            panel: {unit: province, time: year}
            models:
              - {id: baseline, formula: "Y ~ DT_eq | province + year"}
            labels:
              Y: Public-service equalization
              DT_eq: Digital infrastructure (equal weights)
              log(pgdp): ln per-capita GDP
              urban: Urbanization
              treat_post: Broadband pilot (DID)
            """);

    private static ModelResult model(String id, String group, String title, List<Coefficient> coefs,
                                     Map<String, Object> diagnostics) {
        return new ModelResult(id, group, title, "Y ~ x | province + year", "Y", 310, new DroppedRows(0, 0), TWO_WAY,
                CLUSTER_PROVINCE, coefs, 0.99, 0.98, 0.7, 0.02, diagnostics, List.of());
    }

    private static List<Coefficient> events(int... periods) {
        List<Coefficient> out = new ArrayList<>();
        for (int k : periods) {
            out.add(coef("rel_time::" + k, 0.01 * k, 0.01, 0.2));
        }
        return out;
    }

    private static List<ModelResult> demoLike() {
        List<Coefficient> controls = List.of(coef("DT_eq", 0.49, 0.05, 1e-6), coef("log(pgdp)", 0.09, 0.05, 0.08),
                coef("urban", 0.08, 0.15, 0.6));
        List<Coefficient> twfe = new ArrayList<>(List.of(coef("treat_post", 0.057, 0.01, 1e-5)));
        twfe.addAll(controls);
        List<Coefficient> es = new ArrayList<>(events(-3, -2, 0, 1, 2, 3));
        es.addAll(controls);
        List<Coefficient> sa = new ArrayList<>(List.of(coef("ATT", 0.061, 0.013, 1e-4)));
        sa.addAll(events(-3, -2, 0, 1, 2, 3));
        sa.addAll(controls);
        Map<String, Object> placebo = new LinkedHashMap<>();
        placebo.put("permutations", 500);
        placebo.put("seed", 1);
        placebo.put("estimate", 0.057);
        placebo.put("pValue", 0.0);
        placebo.put("mean", 0.0001);
        placebo.put("sd", 0.011);
        placebo.put("estimates", List.of(0.01, -0.01, 0.002));
        Map<String, Object> threshold = new LinkedHashMap<>();
        threshold.put("thresholdVariable", "log(pgdp)");
        threshold.put("gamma", 11.077069633851828);
        threshold.put("tests", List.of(Map.of("test", "single vs none", "f", 11.56, "pValue", 0.0004)));
        Map<String, Object> dml = new LinkedHashMap<>();
        dml.put("learner", "lasso(0.01)");
        dml.put("folds", 5);
        dml.put("repeats", 1);
        return List.of(
                model("baseline/1", "baseline", null, List.of(coef("DT_eq", 0.89, 0.05, 1e-9)),
                        Map.of("wildBootstrap", Map.of("pValue", 0.0002, "draws", 9999))),
                model("did/pilot/twfe", "did", "TWFE", twfe, Map.of("placebo", placebo)),
                model("did/pilot/event-study", "did", "Event study", es, Map.of()),
                model("did/pilot/sun-abraham", "did", "Sun-Abraham", sa, Map.of()),
                model("threshold/development", "threshold", "development",
                        List.of(coef("DT_eq_low", 1.18, 0.06, 1e-9), coef("DT_eq_high", 1.095, 0.053, 1e-9),
                                coef("urban", 1.4, 0.19, 1e-5)), threshold),
                model("dml/dml-lasso", "dml", "DML (lasso(0.01))", List.of(coef("DT_eq", 0.898, 0.045, 1e-9)), dml));
    }

    private static ReportContent content() {
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("optical_cable_km", 0.4);
        weights.put("broadband_ports", 0.6);
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        diagnostics.put("n", 310);
        diagnostics.put("kmo", 0.794);
        IndexResult index = new IndexResult("DT_eq", "equal", "pooled", weights, diagnostics, List.of());
        RunReport report = new RunReport("run-1", SPEC, null, null, List.of(index), List.of(),
                new StudyResults("run-1", demoLike(), List.of()), false, "0.1.0");
        return new ReportAssembler(TableOptions.DEFAULT).assemble(report);
    }

    private static Table table(String id) {
        return content().tables().stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no table " + id));
    }

    private static List<String> labels(Table t) {
        return t.rows().stream().map(Row::label).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void eventStudyRowsFollowTheAttRowsInEventTimeOrderBeforeTheControls() {
        List<String> rows = labels(table("did-pilot"));
        List<String> coefficients = rows.subList(0, rows.indexOf("Province FE"));
        assertEquals(List.of("Broadband pilot (DID)", "ATT", "rel_time::-3", "rel_time::-2", "rel_time::0",
                "rel_time::1", "rel_time::2", "rel_time::3", "Digital infrastructure (equal weights)",
                "ln per-capita GDP", "Urbanization"), coefficients);
    }

    @Test
    void countsPrintAsIntegers() {
        Table weights = table("index-DT_eq-weights");
        String notes = String.join(" ", weights.notes());
        assertTrue(notes.contains("n = 310"), notes);
        assertFalse(notes.contains("310.000"), notes);
        assertTrue(notes.contains("kmo = 0.794"), notes);
        Table dml = table("dml");
        assertEquals("5", dml.row("Cross-fitting folds").cells().get(1).text());
        assertEquals("1", dml.row("Cross-fitting repetitions").cells().get(1).text());
    }

    @Test
    void pValuesBelowOneInAThousandPrintAsABound() {
        assertEquals("<0.001", table("did-pilot").row("Placebo p (random adoption years)").cells().get(1).text());
        assertEquals("<0.001", table("did-pilot-placebo").row("treat_post").cells().get(6).text());
        assertEquals("<0.001", table("baseline").row("Wild bootstrap p").cells().get(1).text());
        assertEquals("11.560 [<0.001]", table("threshold").row("Single vs none: F [bootstrap p]").cells().get(1).text());
        // the number behind the text stays the p-value itself
        assertEquals(0.0, table("did-pilot-placebo").row("treat_post").cells().get(6).value());
    }

    @Test
    void thresholdRegimesAreLabelledFromTheSpecWithTheirRange() {
        List<String> rows = labels(table("threshold"));
        assertTrue(rows.contains("Digital infrastructure (equal weights) (ln per-capita GDP ≤ 11.08)"), rows.toString());
        assertTrue(rows.contains("Digital infrastructure (equal weights) (ln per-capita GDP > 11.08)"), rows.toString());
        assertFalse(rows.stream().anyMatch(r -> r.contains("DT_eq_")), rows.toString());
    }

    @Test
    void aLabelledIndexIsQualifiedOnceInItsCaption() {
        Table weights = table("index-DT_eq-weights");
        assertEquals("Indicator weights of Digital infrastructure (equal weights)", weights.title());
        assertTrue(weights.notes().contains("Method: equal."), weights.notes().toString());
        assertEquals("imbalance (theil-t)", Labels.qualified("imbalance", "theil-t"));
        assertNotNull(content());
    }
}
