package io.panelflow.report.table;

import io.panelflow.model.result.ModelResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegressionTablesTest {

    private final Labels labels = new Labels(Map.of("Y", "Public service equalization", "log(pgdp)", "ln GDP per capita"));

    private static List<String> texts(Row row) {
        return row.cells().stream().map(Cell::text).toList();
    }

    @Test
    void stepwiseTablePrintsStarsErrorsFixedEffectsAndStatistics() {
        Table t = new RegressionTables(labels, TableOptions.DEFAULT).baseline("baseline", "Baseline", SampleResults.stepwise());

        assertEquals(4, t.columnCount());
        assertEquals(List.of("", "Public service equalization"), t.headers().get(0).stream().map(Cell::text).toList());
        assertEquals(3, t.headers().get(0).get(1).span());
        assertEquals(List.of("Variables", "(1)", "(2)", "(3)"), texts(new Row(RowKind.DATA, t.headers().get(1))));

        assertEquals(List.of("DT", "0.261***", "0.282***", "0.272**"), texts(t.rows().get(0)));
        assertEquals(List.of("", "(0.042)", "(0.042)", "(0.042)"), texts(t.rows().get(1)));
        assertEquals(List.of("ln GDP per capita", "", "-0.319*", "-0.265**"), texts(t.row("ln GDP per capita")));
        assertEquals(List.of("urban", "", "", "-0.186"), texts(t.row("urban")));
        assertEquals(0.2815, t.rows().get(0).cells().get(2).value(), 1e-12);

        assertEquals(List.of("Province FE", "Yes", "Yes", "No"), texts(t.row("Province FE")));
        assertEquals(List.of("Year FE", "Yes", "Yes", "No"), texts(t.row("Year FE")));
        assertEquals(List.of("Province × Year FE", "No", "No", "Yes"), texts(t.row("Province × Year FE")));
        assertEquals(List.of("N", "279", "279", "279"), texts(t.row("N")));
        assertEquals(List.of("Adjusted R²", "0.977", "0.977", "0.977"), texts(t.row("Adjusted R²")));
        assertEquals(List.of("Within R²", "0.410", "0.410", "0.410"), texts(t.row("Within R²")));
        assertEquals(List.of("Clusters", "31", "31", "31"), texts(t.row("Clusters")));
        assertEquals(3, t.sections().size());

        assertTrue(t.notes().contains("Standard errors clustered by Province (31 clusters) in parentheses."), t.notes().toString());
        assertTrue(t.notes().contains("Small-sample correction: G/(G-1) * (n-1)/(n-K)."));
        assertTrue(t.notes().contains("* p < 0.1, ** p < 0.05, *** p < 0.01."));
    }

    @Test
    void tStatisticsAndCollapsedControls() {
        TableOptions options = TableOptions.DEFAULT.withUncertainty(Uncertainty.T_STATISTIC).collapsingControls(List.of());
        Table t = new RegressionTables(labels, options).baseline("baseline", "Baseline", SampleResults.stepwise());

        assertNull(t.row("ln GDP per capita"));
        assertNull(t.row("urban"));
        assertEquals(List.of("", "(6.229)", "(6.734)", "(6.445)"), texts(t.rows().get(1)));
        assertEquals(List.of("Controls", "No", "Yes", "Yes"), texts(t.row("Controls")));
        assertTrue(t.notes().get(0).startsWith("t statistics in parentheses"), t.notes().get(0));
    }

    @Test
    void robustnessColumnsAreTitledByVariant() {
        Table t = new RegressionTables(labels, TableOptions.DEFAULT).robustness("robustness", "Robustness", SampleResults.robustness());
        assertEquals(List.of("Variables", "(1)", "(2)"), t.headers().get(t.headers().size() - 1).stream().map(Cell::text).toList());
        assertEquals(List.of("", "PCA index", "Lagged DT"), t.headers().get(0).stream().map(Cell::text).toList());
        assertNotNull(t.row("l(DT, 1)"));
        assertTrue(t.notes().contains("Dependent variable: Public service equalization."));
    }

    @Test
    void heterogeneityGroupsColumnsUnderTheSplittingVariable() {
        Table t = new RegressionTables(labels, TableOptions.DEFAULT).heterogeneity("h", "H", SampleResults.heterogeneity());
        assertEquals("Region", t.headers().get(0).get(1).text());
        assertEquals(2, t.headers().get(0).get(1).span());
        assertEquals(List.of("", "East", "West"), t.headers().get(1).stream().map(Cell::text).toList());
        assertEquals(List.of("DT", "0.300***", "0.100"), texts(t.rows().get(0)));
    }

    @Test
    void mechanismShowsDependentVariablesAndSobel() {
        Table t = new RegressionTables(labels, TableOptions.DEFAULT).mechanism("m", "M", SampleResults.mechanism());
        assertEquals(List.of("", "innovation", "Public service equalization"),
                t.headers().get(2).stream().map(Cell::text).toList());
        assertEquals(List.of("Sobel test", "3.200 [0.001]", ""), texts(t.row("Sobel test")));
    }

    @Test
    void ivTableHasFirstStageAndWeakInstrumentRows() {
        Table t = new IvTables(labels, TableOptions.DEFAULT).iv("iv", "IV", SampleResults.iv());
        assertEquals("Panel A: Second stage", t.sections().get(0).title());
        assertEquals("Panel B: First stage", t.sections().get(1).title());
        assertEquals(List.of("bartik(DT)", "0.073***"), texts(t.row("bartik(DT)")));
        assertEquals(List.of("Kleibergen–Paap rk Wald F", "741.732"), texts(t.row("Kleibergen–Paap rk Wald F")));
        assertEquals(List.of("Stock–Yogo 10% critical value", "16.380"), texts(t.row("Stock–Yogo 10% critical value")));
        assertEquals(List.of("Wu–Hausman test", "4.200 [0.040]"), texts(t.row("Wu–Hausman test")));
        assertNull(t.row("Cragg–Donald Wald F"));
        assertTrue(t.notes().contains("p-values of the tests in brackets."));
    }

    @Test
    void firstStageReadsSeveralShapes() {
        ModelResult byTerm = SampleResults.model("iv/1", "iv", null, List.of(), List.of(),
                Map.of("firstStage", Map.of("dist", Map.of("estimate", 0.11, "se", 0.04))));
        assertEquals("dist", IvDiagnostics.firstStage(byTerm).get(0).term());
        assertEquals(0.04, IvDiagnostics.firstStage(byTerm).get(0).stdError(), 0);
        ModelResult nested = SampleResults.model("iv/2", "iv", null, List.of(), List.of(),
                Map.of("firstStage", Map.of("coefficients", List.of(SampleResults.coef("z", 1.0, 0.5, 0.04)), "F", 12.0)));
        assertEquals("z", IvDiagnostics.firstStage(nested).get(0).term());
        ModelResult none = SampleResults.model("iv/3", "iv", null, List.of(), List.of(), Map.of("firstStage", "n/a"));
        assertTrue(IvDiagnostics.firstStage(none).isEmpty());
    }
}
