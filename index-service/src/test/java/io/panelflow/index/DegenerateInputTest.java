package io.panelflow.index;

import io.panelflow.frame.Column;
import io.panelflow.frame.PanelFrame;
import io.panelflow.index.balance.BalanceCalculator;
import io.panelflow.index.balance.CoefficientOfVariation;
import io.panelflow.index.balance.CorePeripheryGap;
import io.panelflow.index.balance.GiniCoefficient;
import io.panelflow.index.balance.TheilIndex;
import io.panelflow.index.composite.CompositeIndex;
import io.panelflow.index.composite.CompositeIndexCalculator;
import io.panelflow.index.fiscal.ReverseFiscalIndex;
import io.panelflow.model.result.BalanceResult;
import io.panelflow.model.result.GroupValue;
import io.panelflow.model.spec.BalanceSpec;
import io.panelflow.model.spec.IndexSpec;
import io.panelflow.model.spec.IndicatorSpec;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Degenerate input gives a clear error naming index, indicator and year, or a documented value. */
class DegenerateInputTest {
    private static final double NA = Double.NaN;

    /** Four units in two groups over two years. */
    private static PanelFrame panel(double[] a, double[] b) {
        Map<String, Column> c = new LinkedHashMap<>();
        c.put("unit", new Column.Text(new String[]{"u1", "u2", "u3", "u4", "u1", "u2", "u3", "u4"}));
        c.put("year", new Column.Numeric(new double[]{2000, 2000, 2000, 2000, 2001, 2001, 2001, 2001}));
        c.put("prov", new Column.Text(new String[]{"P", "P", "P", "Q", "P", "P", "P", "Q"}));
        c.put("a", new Column.Numeric(a));
        c.put("b", new Column.Numeric(b));
        return new PanelFrame("unit", "year", "prov", c);
    }

    private static IndexSpec entropy(String scope) {
        return new IndexSpec("DT", "entropy", scope, List.of(new IndicatorSpec("a", "positive", null, null),
                new IndicatorSpec("b", "negative", null, null)), null, null, null);
    }

    @Test
    void constantIndicatorIsAnErrorNamingIndexIndicatorAndYear() {
        PanelFrame p = panel(new double[]{1, 2, 3, 4, 5, 6, 7, 8}, new double[]{1, 2, 3, 4, 9, 9, 9, 9});
        IndexException e = assertThrows(IndexException.class,
                () -> CompositeIndexCalculator.compute(p, entropy("per-year"), ReferenceData.measures()));
        assertTrue(e.getMessage().contains("index DT"), e.getMessage());
        assertTrue(e.getMessage().contains("year 2001"), e.getMessage());
        assertTrue(e.getMessage().contains("'b'") && e.getMessage().contains("constant"), e.getMessage());
        // pooled, the same column is not constant and the index exists
        CompositeIndex ok = CompositeIndexCalculator.compute(p, entropy("pooled"), ReferenceData.measures());
        for (double v : ok.columns().get("DT")) {
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void allMissingIndicatorIsAnErrorAndRowsWithAMissingIndicatorAreLeftOut() {
        PanelFrame allMissing = panel(new double[]{1, 2, 3, 4, 5, 6, 7, 8}, new double[]{NA, NA, NA, NA, NA, NA, NA, NA});
        IndexException e = assertThrows(IndexException.class,
                () -> CompositeIndexCalculator.compute(allMissing, entropy("pooled"), ReferenceData.measures()));
        assertTrue(e.getMessage().contains("index DT") && e.getMessage().contains("'b'")
                && e.getMessage().contains("no non-missing value"), e.getMessage());

        PanelFrame oneMissing = panel(new double[]{1, 2, NA, 4, 5, 6, 7, 8}, new double[]{3, 1, 2, 5, 4, 8, 6, 7});
        CompositeIndex idx = CompositeIndexCalculator.compute(oneMissing, entropy("pooled"), ReferenceData.measures());
        assertTrue(Double.isNaN(idx.columns().get("DT")[2]));
        assertEquals(7, idx.result().values().size());
        assertEquals(1, idx.result().diagnostics().get("excludedRows"));
        idx.result().values().forEach(v -> assertTrue(Double.isFinite(v.value())));
    }

    @Test
    void oneUnitGroupsGetZeroAndAreListed() {
        PanelFrame p = panel(new double[]{1, 2, 3, 4, 5, 6, 7, 8}, new double[]{1, 1, 1, 1, 1, 1, 1, 1});
        for (String method : List.of("cv", "cv-population", "gini", "theil-t", "theil-l", "core-periphery")) {
            BalanceResult r = BalanceCalculator.compute(p, new BalanceSpec("x", method, "a", "b", "prov"),
                    ReferenceData.measures()).result();
            for (GroupValue v : r.values()) {
                assertTrue(Double.isFinite(v.value()), method + " " + v);
                if (v.group().equals("Q")) {
                    assertEquals(0.0, v.value(), method);
                } else {
                    // core-periphery with equal weights: the first unit is the core, below the others
                    assertTrue(method.equals("core-periphery") ? v.value() != 0 : v.value() > 0, method + " " + v);
                }
            }
            assertEquals(List.of("Q/2000", "Q/2001"), r.diagnostics().get("singleUnitCells"));
        }
        assertEquals(0.0, CoefficientOfVariation.sample(new double[]{5}));
        assertEquals(0.0, GiniCoefficient.of(new double[]{5}));
        assertEquals(0.0, TheilIndex.t(new double[]{5}, null));
        assertEquals(0.0, CorePeripheryGap.of(new double[]{5}, null).gap());
    }

    @Test
    void nonPositiveValuesWhereLogsOrRatiosAreNeededAreErrorsWithGroupAndYear() {
        PanelFrame zero = panel(new double[]{1, 0, 3, 4, 5, 6, 7, 8}, new double[]{1, 1, 1, 1, 1, 1, 1, 1});
        IndexException l = assertThrows(IndexException.class, () -> BalanceCalculator.compute(zero,
                new BalanceSpec("ineq", "theil-l", "a", null, "prov"), ReferenceData.measures()));
        assertTrue(l.getMessage().contains("balance ineq") && l.getMessage().contains("group P")
                && l.getMessage().contains("year 2000") && l.getMessage().contains("positive"), l.getMessage());
        // Theil T takes 0 · ln 0 = 0
        BalanceResult t = BalanceCalculator.compute(zero, new BalanceSpec("ineq", "theil-t", "a", null, "prov"),
                ReferenceData.measures()).result();
        t.values().forEach(v -> assertTrue(Double.isFinite(v.value())));
        PanelFrame negative = panel(new double[]{1, -2, 3, 4, 5, 6, 7, 8}, new double[]{1, 1, 1, 1, 1, 1, 1, 1});
        assertThrows(IndexException.class, () -> BalanceCalculator.compute(negative,
                new BalanceSpec("ineq", "theil-t", "a", null, "prov"), ReferenceData.measures()));
        assertThrows(IndexException.class, () -> BalanceCalculator.compute(negative,
                new BalanceSpec("ineq", "gini", "a", null, "prov"), ReferenceData.measures()));
        IndexException w = assertThrows(IndexException.class, () -> BalanceCalculator.compute(
                panel(new double[]{1, 2, 3, 4, 5, 6, 7, 8}, new double[]{1, 0, 1, 1, 1, 1, 1, 1}),
                new BalanceSpec("ineq", "theil-t", "a", "b", "prov"), ReferenceData.measures()));
        assertTrue(w.getMessage().contains("weight"), w.getMessage());

        IndexException f = assertThrows(IndexException.class, () -> ReverseFiscalIndex.compute(zero,
                new IndexSpec("RB", "reverse-fiscal", null, null, "a", "b", null), ReferenceData.measures()));
        assertTrue(f.getMessage().contains("index RB") && f.getMessage().contains("unit u2")
                && f.getMessage().contains("year 2000"), f.getMessage());
    }

    @Test
    void unknownMethodsAndIncompleteHierarchiesAreErrors() {
        PanelFrame p = panel(new double[]{1, 2, 3, 4, 5, 6, 7, 8}, new double[]{3, 1, 2, 5, 4, 8, 6, 7});
        assertThrows(IndexException.class, () -> BalanceCalculator.compute(p,
                new BalanceSpec("x", "atkinson", "a", null, "prov"), ReferenceData.measures()));
        IndexSpec partial = new IndexSpec("DT", "entropy", "pooled", List.of(new IndicatorSpec("a", "positive", "infra", null),
                new IndicatorSpec("b", "positive", null, null)), null, null, null);
        IndexException e = assertThrows(IndexException.class,
                () -> CompositeIndexCalculator.compute(p, partial, ReferenceData.measures()));
        assertTrue(e.getMessage().contains("'b'"), e.getMessage());
        IndexSpec scope = new IndexSpec("DT", "entropy", "weekly", entropy("pooled").indicators(), null, null, null);
        assertThrows(IndexException.class, () -> CompositeIndexCalculator.compute(p, scope, ReferenceData.measures()));
        assertFalse(new IndexException("x").within("index DT").getMessage().isEmpty());
    }
}
