package io.panelflow.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.frame.PanelFrame;
import io.panelflow.index.balance.BalanceCalculator;
import io.panelflow.index.balance.BalanceIndex;
import io.panelflow.model.result.BalanceResult;
import io.panelflow.model.result.GroupValue;
import io.panelflow.model.spec.BalanceSpec;
import io.panelflow.testing.SharedReference;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.panelflow.index.ReferenceData.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reference cases S4 (Produc: CV, Gini, emp-weighted Theil T per region-year, national Theil
 * decomposition) and S13 (Chinese prefectures within provinces), every group-year to 1e-8 relative.
 */
class BalanceReferenceTest {
    private static final double REL = 1e-8;

    private static Map<String, Double> byKey(BalanceResult r) {
        Map<String, Double> out = new HashMap<>();
        for (GroupValue v : r.values()) {
            out.put(v.group() + "/" + v.time(), v.value());
        }
        return out;
    }

    private static GroupValue cell(BalanceResult r, String group, String time) {
        return r.values().stream().filter(v -> v.group().equals(group) && v.time().equals(time)).findFirst()
                .orElseThrow(() -> new AssertionError("no cell " + group + "/" + time));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void s4RegionYearCvGiniTheilAndNationalDecomposition() {
        JsonNode expected = SharedReference.json("S4_produc_balance").get("expected");
        PanelFrame panel = ReferenceData.panel("S4_produc_balance.csv", "state", "year", "region");
        MeasureEvaluator m = ReferenceData.measures();
        BalanceResult cv = BalanceCalculator.compute(panel, new BalanceSpec("cv", "cv", "gsp / emp", null, "region"), m).result();
        BalanceResult gini = BalanceCalculator.compute(panel, new BalanceSpec("gini", "gini", "gsp / emp", null, "region"), m).result();
        BalanceResult theil = BalanceCalculator.compute(panel, new BalanceSpec("theil", "theil-t", "gsp / emp", "emp", "region"), m).result();
        Map<String, Double> cvs = byKey(cv);
        Map<String, Double> ginis = byKey(gini);
        Map<String, Double> theils = byKey(theil);
        Map<String, Object> units = map(theil.diagnostics().get("units"));
        Map<String, Object> decomposition = map(theil.diagnostics().get("decomposition"));

        ReferenceData.Table cells = ReferenceData.table("S4_produc_balance.expected_region_year.csv");
        ReferenceData.Table years = ReferenceData.table("S4_produc_balance.expected_year.csv");
        assertEquals(expected.get("region_year").size(), cells.size());
        assertEquals(expected.get("year").size(), years.size());
        assertEquals(cells.size() + years.size(), theil.values().size());
        for (int r = 0; r < cells.size(); r++) {
            String key = cells.text(r, "region") + "/" + cells.text(r, "year");
            assertEquals((int) cells.number(r, "n_units"), units.get(key), "units " + key);
            assertClose(cells.number(r, "cv"), cvs.get(key), REL, "cv " + key);
            assertClose(cells.number(r, "gini"), ginis.get(key), REL, "gini " + key);
            assertClose(cells.number(r, "theil_t"), theils.get(key), REL, "theil " + key);
            GroupValue cell = cell(cv, cells.text(r, "region"), cells.text(r, "year"));
            assertClose(cells.number(r, "mean_y"), cell.mean(), REL, "mean " + key);
            assertClose(cells.number(r, "sd_y"), cell.sd(), REL, "sd " + key);
            assertEquals(cell.mean(), cell(theil, cells.text(r, "region"), cells.text(r, "year")).mean(), "same cell mean");
            Map<String, Object> part = map(map(map(decomposition.get(cells.text(r, "year"))).get("groups"))
                    .get(cells.text(r, "region")));
            assertClose(cells.number(r, "num_share_of_period"), (Double) part.get("incomeShare"), REL, "S_g " + key);
            assertClose(cells.number(r, "den_share_of_period"), (Double) part.get("weightShare"), REL, "P_g " + key);
            assertClose(cells.number(r, "theil_t"), (Double) part.get("theil"), REL, "T_g " + key);
        }
        for (int r = 0; r < years.size(); r++) {
            String year = years.text(r, "year");
            Map<String, Object> d = map(decomposition.get(year));
            assertNotNull(d, "decomposition " + year);
            assertEquals((int) years.number(r, "n_units"), units.get("all/" + year));
            assertClose(years.number(r, "theil_national"), theils.get("all/" + year), REL, "national " + year);
            assertClose(years.number(r, "theil_national"), (Double) d.get("total"), REL, "total " + year);
            assertClose(years.number(r, "theil_between"), (Double) d.get("between"), REL, "between " + year);
            assertClose(years.number(r, "theil_within"), (Double) d.get("within"), REL, "within " + year);
            assertClose(years.number(r, "between_share"), (Double) d.get("betweenShare"), REL, "between share " + year);
            assertClose(years.number(r, "within_share"), (Double) d.get("withinShare"), REL, "within share " + year);
            double residual = (Double) d.get("total") - (Double) d.get("between") - (Double) d.get("within");
            assertTrue(Math.abs(residual) < 1e-15, "residual " + residual);
            assertTrue(Math.abs(years.number(r, "decomposition_residual")) < 1e-15, "reference residual");
        }
    }

    @Test
    void s13ProvinceYearBalanceOfPrefecturesAndNationalDecomposition() {
        JsonNode s13 = SharedReference.json("S13_china_prefecture_balance").get("expected");
        PanelFrame panel = ReferenceData.panel("S13_china_prefecture_balance.csv", "id", "year", "province");
        MeasureEvaluator m = ReferenceData.measures();
        BalanceResult cv = BalanceCalculator.compute(panel, new BalanceSpec("cv", "cv", "gdp / population", null, "province"), m).result();
        BalanceResult gini = BalanceCalculator.compute(panel, new BalanceSpec("gini", "gini", "gdp / population", null, "province"), m).result();
        BalanceIndex theilIndex = BalanceCalculator.compute(panel,
                new BalanceSpec("theil", "theil-t", "gdp / population", "population", "province"), m);
        BalanceResult theil = theilIndex.result();
        Map<String, Double> cvs = byKey(cv);
        Map<String, Double> ginis = byKey(gini);
        Map<String, Double> theils = byKey(theil);
        Map<String, Object> units = map(theil.diagnostics().get("units"));
        @SuppressWarnings("unchecked")
        List<String> single = (List<String>) cv.diagnostics().get("singleUnitCells");

        ReferenceData.Table cells = ReferenceData.table("S13_china_prefecture_balance.expected_province_year.csv");
        assertEquals(s13.get("rows_province_year").asInt(), cells.size());
        JsonNode first = s13.get("first");
        String firstKey = first.get("province").asText() + "/" + first.get("year").asText();
        assertEquals(first.get("n_units").asInt(), units.get(firstKey), "first cell units");
        assertClose(first.get("cv").asDouble(), cvs.get(firstKey), REL, "first cell cv");
        assertClose(first.get("gini").asDouble(), ginis.get(firstKey), REL, "first cell gini");
        assertClose(first.get("theil_t").asDouble(), theils.get(firstKey), REL, "first cell theil");
        int singles = 0;
        for (int r = 0; r < cells.size(); r++) {
            String key = cells.text(r, "province") + "/" + cells.text(r, "year");
            int n = (int) cells.number(r, "n_units");
            assertEquals(n, units.get(key), "units " + key);
            if (Double.isNaN(cells.number(r, "cv"))) {
                // R gives NA for the sample sd of one unit; the engine documents CV = 0 for one unit
                assertEquals(1, n);
                assertEquals(0.0, cvs.get(key), key);
                assertTrue(single.contains(key), key);
                singles++;
            } else {
                assertClose(cells.number(r, "cv"), cvs.get(key), REL, "cv " + key);
            }
            assertClose(cells.number(r, "gini"), ginis.get(key), REL, "gini " + key);
            assertClose(cells.number(r, "theil_t"), theils.get(key), REL, "theil " + key);
            assertClose(cells.number(r, "theil_t"),
                    theilIndex.cells().get(cells.text(r, "province")).get(cells.text(r, "year")), REL, "cell " + key);
        }
        assertTrue(singles > 0, "the case has single-prefecture provinces");
        Map<String, Object> decomposition = map(theil.diagnostics().get("decomposition"));
        ReferenceData.Table years = ReferenceData.table("S13_china_prefecture_balance.expected_year.csv");
        assertEquals(java.util.Arrays.stream(panel.timeKeys()).distinct().count(), years.size());
        for (int r = 0; r < years.size(); r++) {
            String year = years.text(r, "year");
            Map<String, Object> d = map(decomposition.get(year));
            assertClose(years.number(r, "theil_t"), theils.get("all/" + year), REL, "national " + year);
            assertClose(years.number(r, "between"), (Double) d.get("between"), REL, "between " + year);
            assertClose(years.number(r, "within"), (Double) d.get("within"), REL, "within " + year);
        }
    }
}
