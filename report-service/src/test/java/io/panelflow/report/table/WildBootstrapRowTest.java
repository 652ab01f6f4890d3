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

class WildBootstrapRowTest {

    private static Map<String, Object> wild(double p) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("term", "DT");
        w.put("type", "WCR");
        w.put("draws", 9999);
        w.put("enumerated", false);
        w.put("seed", 1L);
        w.put("pValue", p);
        w.put("t", 6.73);
        w.put("ciNote", "No bootstrap confidence interval.");
        return w;
    }

    @Test
    void theRowPrintsTheBootstrapPValueWhereAColumnHasIt() {
        List<ModelResult> models = List.of(
                model("baseline/1", "baseline", null, List.of(coef("DT", 0.261, 0.0419, 1.2e-8)), TWO_WAY,
                        Map.of("wildBootstrap", wild(0.0012))),
                model("baseline/2", "baseline", null, List.of(coef("DT", 0.2815, 0.0418, 0.0099)), TWO_WAY, Map.of()),
                model("baseline/3", "baseline", null, List.of(coef("DT", 0.272, 0.0422, 0.01)), TWO_WAY,
                        Map.of("wildBootstrap", wild(0.0417))));
        Table t = new RegressionTables(new Labels(Map.of()), TableOptions.DEFAULT).baseline("baseline", "Baseline", models);
        Row row = t.row("Wild bootstrap p");
        assertEquals(List.of("Wild bootstrap p", "0.001", "", "0.042"), row.cells().stream().map(Cell::text).toList());
        assertEquals(0.0417, row.cells().get(3).value(), 1e-15);
    }

    @Test
    void noRowWithoutTheDiagnostic() {
        Table t = new RegressionTables(new Labels(Map.of()), TableOptions.DEFAULT)
                .baseline("baseline", "Baseline", SampleResults.stepwise());
        assertNull(t.row("Wild bootstrap p"));
    }

    @Test
    void pickReadsThePValueOfTheMap() {
        assertEquals(0.25, IvDiagnostics.pValueOnly(wild(0.25)));
        assertNull(IvDiagnostics.pValueOnly(Map.of("t", 2.0)));
        assertEquals(0.5, IvDiagnostics.pValueOnly(0.5));
    }
}
