package io.panelflow.index;

import io.panelflow.frame.PanelFrame;
import io.panelflow.index.composite.CompositeIndexCalculator;
import io.panelflow.model.result.BalanceResult;
import io.panelflow.model.result.IndexResult;
import io.panelflow.model.spec.AggregateSpec;
import io.panelflow.model.spec.BalanceSpec;
import io.panelflow.model.spec.EstimationPanelSpec;
import io.panelflow.model.spec.IndexSpec;
import io.panelflow.model.spec.IndicatorSpec;
import io.panelflow.model.spec.PanelSpec;
import io.panelflow.model.spec.StudySpec;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.panelflow.index.ReferenceData.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The facade on a small study over the S13 prefecture panel (cities within provinces). */
class IndexEngineTest {
    private static final String DATA = "S13_china_prefecture_balance.csv";

    private static final List<IndicatorSpec> SYSTEM = List.of(
            new IndicatorSpec("tech", "positive", "innovation", null),
            new IndicatorSpec("gpi", "positive", "innovation", null),
            new IndicatorSpec("ind", "negative", "structure", null),
            new IndicatorSpec("ser", "positive", "structure", null));

    private static StudySpec spec() {
        return new StudySpec("engine-test", null, new PanelSpec("id", "year", "province", List.of()), null, null,
                List.of(new IndexSpec("DT", "entropy", "per-year", SYSTEM, null, null, null),
                        new IndexSpec("DTT", "entropy-topsis", "pooled", SYSTEM, null, null, null),
                        new IndexSpec("DTC", "critic", "pooled", SYSTEM, null, null, null),
                        new IndexSpec("DTP", "pca", "pooled", SYSTEM, null, null, Map.of("retain", "kaiser-or-cumulative", "minShare", 0.8)),
                        new IndexSpec("RB", "reverse-fiscal", null, null, "DT", "population", null),
                        new IndexSpec("RBA", "reverse-fiscal-adjusted", null, null, "DT", "population", null)),
                List.of(new BalanceSpec("theil", "theil-t", "gdp / population", "population", "province"),
                        new BalanceSpec("gini", "gini", "gdp / population", null, "province"),
                        new BalanceSpec("gap", "core-periphery", "gdp / population", "population", "province")),
                new EstimationPanelSpec("group", List.of(new AggregateSpec("gdp", "gdp", "sum", null),
                        new AggregateSpec("tech", "tech", "weighted-mean", "population"))),
                null, null, null, null, null, null, null, null);
    }

    @Test
    void computesIndicesBalanceAndTheGroupYearPanel() {
        PanelFrame panel = ReferenceData.panel(DATA, "id", "year", "province");
        IndexOutcome out = IndexEngine.compute(panel, spec(), ReferenceData.measures());

        boolean[] complete = complete(panel);
        for (String col : List.of("DT", "DT_innovation", "DT_structure", "DTT", "DTT_innovation", "DTC", "DTP", "RB", "RBA")) {
            double[] v = out.panel().numeric(col);
            assertEquals(panel.rows(), v.length);
            for (int i = 0; i < v.length; i++) {
                // a unit-year with a missing indicator is left out (missing), never NaN from arithmetic
                assertEquals(complete[i], Double.isFinite(v[i]), col + " row " + i);
            }
        }
        assertEquals(6, out.indices().size());
        IndexResult dt = out.indices().get(0);
        assertEquals("per-year", dt.scope());
        assertEquals(13 * 4, dt.weights().size());
        assertNotNull(dt.weights().get("2006/tech"));

        // hierarchy: dimension weights are sums of indicator weights and the score is Σ_d W_d · sub_d
        @SuppressWarnings("unchecked")
        Map<String, Object> y2006 = (Map<String, Object>) ((Map<String, Object>) dt.diagnostics().get("byYear")).get("2006");
        @SuppressWarnings("unchecked")
        Map<String, Double> dimW = (Map<String, Double>) y2006.get("dimensionWeights");
        assertClose(dt.weights().get("2006/tech") + dt.weights().get("2006/gpi"), dimW.get("innovation"), 1e-12, "W_innovation");
        double[] years = out.panel().numeric("year");
        double[] score = out.panel().numeric("DT");
        double[] inno = out.panel().numeric("DT_innovation");
        double[] struc = out.panel().numeric("DT_structure");
        for (int i = 0; i < score.length; i++) {
            if (years[i] == 2006 && complete[i]) {
                assertClose(score[i], dimW.get("innovation") * inno[i] + dimW.get("structure") * struc[i], 1e-12, "row " + i);
            }
        }

        // reverse fiscal: Σ_i ABPS_i · RBPSEI_i = Σ ABPS − Σ SBPS = 0 within each year; adjusted = (1 − R)/2
        double[] rb = out.panel().numeric("RB");
        double[] rba = out.panel().numeric("RBA");
        Map<Double, Double> balanceSum = new HashMap<>();
        Map<Double, Double> supplySum = new HashMap<>();
        for (int i = 0; i < rb.length; i++) {
            if (!complete[i]) {
                continue;
            }
            balanceSum.merge(years[i], score[i] * rb[i], Double::sum);
            supplySum.merge(years[i], score[i], Double::sum);
            assertClose((1 - rb[i]) / 2, rba[i], 1e-12, "adjusted " + i);
        }
        balanceSum.forEach((y, s) -> assertTrue(Math.abs(s) < 1e-12 * supplySum.get(y), "year " + y + ": " + s));

        // balance results and the group-year panel
        assertEquals(3, out.balance().size());
        BalanceResult theil = out.balance().get(0);
        assertTrue(theil.values().stream().anyMatch(v -> v.group().equals("all")));
        assertNotNull(theil.diagnostics().get("decomposition"));
        PanelFrame g = out.groupPanel();
        assertNotNull(g);
        assertEquals("province", g.unitColumn());
        ReferenceData.Table expected = ReferenceData.table("S13_china_prefecture_balance.expected_province_year.csv");
        assertEquals(expected.size(), g.rows());
        Map<String, Integer> row = new HashMap<>();
        String[] gk = g.unitKeys();
        String[] tk = g.timeKeys();
        for (int r = 0; r < g.rows(); r++) {
            row.put(gk[r] + "/" + tk[r], r);
        }
        double[] gdp = panel.numeric("gdp");
        String[] prov = panel.keys("province");
        String[] year = panel.timeKeys();
        Map<String, Double> gdpSum = new HashMap<>();
        double[] tech = panel.numeric("tech");
        Map<String, Boolean> techPresent = new HashMap<>();
        for (int i = 0; i < gdp.length; i++) {
            gdpSum.merge(prov[i] + "/" + year[i], gdp[i], Double::sum);
            techPresent.merge(prov[i] + "/" + year[i], Double.isFinite(tech[i]), Boolean::logicalOr);
        }
        for (int r = 0; r < expected.size(); r++) {
            String key = expected.text(r, "province") + "/" + expected.text(r, "year");
            int at = row.get(key);
            assertClose(expected.number(r, "theil_t"), g.numeric("theil")[at], 1e-8, "theil " + key);
            assertClose(expected.number(r, "gini"), g.numeric("gini")[at], 1e-8, "gini " + key);
            assertClose(gdpSum.get(key), g.numeric("gdp")[at], 1e-12, "gdp " + key);
            assertTrue(Double.isFinite(g.numeric("gap")[at]), key);
            // a group-year whose units all miss the column has a missing aggregate
            assertEquals(techPresent.get(key), Double.isFinite(g.numeric("tech")[at]), key);
        }
    }

    private static boolean[] complete(PanelFrame panel) {
        boolean[] ok = new boolean[panel.rows()];
        for (int i = 0; i < ok.length; i++) {
            ok[i] = true;
            for (IndicatorSpec s : SYSTEM) {
                ok[i] &= Double.isFinite(panel.numeric(s.column())[i]);
            }
        }
        return ok;
    }

    @Test
    void criticAndEqualWeightsFollowTheirDefinitions() {
        PanelFrame full = ReferenceData.panel(DATA, "id", "year", "province");
        PanelFrame panel = full.filter(complete(full));
        IndexSpec critic = new IndexSpec("C", "critic", "pooled", SYSTEM, null, null, null);
        IndexResult r = CompositeIndexCalculator.compute(panel, critic, ReferenceData.measures()).result();
        // independent computation with Commons Math statistics
        int m = SYSTEM.size();
        double[][] x = new double[panel.rows()][m];
        for (int j = 0; j < m; j++) {
            double[] v = panel.numeric(SYSTEM.get(j).column());
            double min = java.util.Arrays.stream(v).min().orElseThrow();
            double max = java.util.Arrays.stream(v).max().orElseThrow();
            for (int i = 0; i < v.length; i++) {
                x[i][j] = SYSTEM.get(j).positive() ? (v[i] - min) / (max - min) : (max - v[i]) / (max - min);
            }
        }
        double[][] corr = new PearsonsCorrelation(x).getCorrelationMatrix().getData();
        double[] c = new double[m];
        double total = 0;
        for (int j = 0; j < m; j++) {
            double[] col = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                col[i] = x[i][j];
            }
            double conflict = 0;
            for (int k = 0; k < m; k++) {
                conflict += 1 - corr[j][k];
            }
            c[j] = new StandardDeviation(true).evaluate(col) * conflict;
            total += c[j];
        }
        for (int j = 0; j < m; j++) {
            assertClose(c[j] / total, r.weights().get(SYSTEM.get(j).column()), 1e-10, "CRITIC " + SYSTEM.get(j).column());
        }
        IndexSpec equal = new IndexSpec("E", "equal", "pooled", SYSTEM, null, null, null);
        var e = CompositeIndexCalculator.compute(panel, equal, ReferenceData.measures());
        double[] v = e.columns().get("E");
        for (int i = 0; i < v.length; i += 97) {
            assertClose((x[i][0] + x[i][1] + x[i][2] + x[i][3]) / 4, v[i], 1e-12, "equal " + i);
        }
    }
}
