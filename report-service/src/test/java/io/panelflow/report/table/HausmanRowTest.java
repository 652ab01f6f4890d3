package io.panelflow.report.table;

import io.panelflow.model.result.ModelResult;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.panelflow.report.table.SampleResults.TWO_WAY;
import static io.panelflow.report.table.SampleResults.coef;
import static io.panelflow.report.table.SampleResults.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HausmanRowTest {

    private static Map<String, Object> hausman() {
        Map<String, Object> robust = new LinkedHashMap<>();
        robust.put("statistic", 21.5);
        robust.put("df", 4);
        robust.put("pValue", 0.00025);
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("statistic", 9.525);
        h.put("df", 4);
        h.put("pValue", 0.0492);
        h.put("robust", robust);
        h.put("randomEffects", "fe/re");
        return h;
    }

    @Test
    void theFixedEffectsColumnPrintsBothHausmanTests() {
        List<ModelResult> models = List.of(
                model("fe", "baseline", null, List.of(coef("DT", 0.261, 0.0419, 1.2e-8)), TWO_WAY,
                        Map.of("hausman", hausman())),
                model("fe/re", "baseline", null, List.of(coef("DT", 0.2815, 0.0418, 0.0099)), TWO_WAY, Map.of()));
        Table t = new RegressionTables(new Labels(Map.of()), TableOptions.DEFAULT).baseline("baseline", "Baseline", models);
        Row classic = t.row("Hausman test (FE vs RE)");
        assertEquals(9.525, classic.cells().get(1).value(), 1e-12);
        assertTrue(classic.cells().get(1).text().contains("0.049"), classic.cells().get(1).text());
        assertEquals("", classic.cells().get(2).text());
        Row robust = t.row("Robust Hausman test");
        assertEquals(21.5, robust.cells().get(1).value(), 1e-12);
    }

    @Test
    void noRowsWithoutTheDiagnostic() {
        Table t = new RegressionTables(new Labels(Map.of()), TableOptions.DEFAULT)
                .baseline("baseline", "Baseline", SampleResults.stepwise());
        assertNull(t.row("Hausman test (FE vs RE)"));
        assertNull(t.row("Robust Hausman test"));
        assertNull(IvDiagnostics.robustPart(0.5));
    }
}
