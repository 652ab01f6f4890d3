package io.panelflow.report.table;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DataTablesTest {

    private static List<String> texts(Row row) {
        return row.cells().stream().map(Cell::text).toList();
    }

    @Test
    void descriptivesUseLabelsAndSymbols() {
        Table t = new DescriptiveTables(new Labels(Map.of("DT", "Digital technology")), TableOptions.DEFAULT.withMissing("—"))
                .descriptives("descriptives", "Descriptive statistics", SampleResults.descriptives());
        assertEquals(List.of("Variable", "Symbol", "Obs", "Mean", "Std. dev.", "Min", "Median", "Max"),
                t.headers().get(0).stream().map(Cell::text).toList());
        assertEquals(List.of("Digital technology", "DT", "279", "0.120", "0.080", "0.000", "0.100", "—"),
                texts(t.row("Digital technology")));
    }

    @Test
    void indexWeightsAndValues() {
        var spec = new io.panelflow.model.spec.IndexSpec("DT", "entropy-topsis", "pooled", List.of(
                new io.panelflow.model.spec.IndicatorSpec("optical_cable_km", "positive", "infrastructure", "Optical cable"),
                new io.panelflow.model.spec.IndicatorSpec("broadband_ports", "positive", "infrastructure", null),
                new io.panelflow.model.spec.IndicatorSpec("patents", "negative", "innovation", null)), null, null, null);
        Table w = new IndexTables(Labels.none(), TableOptions.DEFAULT).weights(SampleResults.index(), spec);
        assertEquals("Infrastructure", w.sections().get(0).title());
        assertEquals(List.of("Optical cable", "optical_cable_km", "+", "0.300"), texts(w.rows().get(0)));
        assertEquals(List.of("Dimension weight", "", "", "0.500"), texts(w.sections().get(0).rows().get(2)));
        assertEquals(List.of("patents", "patents", "−", "0.500"), texts(w.sections().get(1).rows().get(0)));

        Table v = new IndexTables(Labels.none(), TableOptions.DEFAULT).values(SampleResults.index());
        assertEquals(List.of("Unit", "2013", "2014", "2015", "2016"), v.headers().get(0).stream().map(Cell::text).toList());
        assertEquals(List.of("Hebei", "0.200", "0.220", "0.240", "0.260"), texts(v.row("Hebei")));
    }

    @Test
    void balanceAndQuality() {
        Table b = new BalanceTables(Labels.none(), TableOptions.DEFAULT).balance(SampleResults.balance());
        assertEquals(List.of("All", "0.120", "0.110"), texts(b.row("All")));
        Table c = new DataQualityTables(Labels.none(), TableOptions.DEFAULT).cleaning(SampleResults.quality());
        assertEquals(3, c.headers().get(0).get(1).span());
        assertEquals(List.of("pgdp", "3", "3", "0", "3", "3"), texts(c.row("pgdp")));
        assertNull(new BalanceTables(Labels.none(), TableOptions.DEFAULT).balance(
                new io.panelflow.model.result.BalanceResult("x", "gini", null, List.of(), null)));
    }
}
