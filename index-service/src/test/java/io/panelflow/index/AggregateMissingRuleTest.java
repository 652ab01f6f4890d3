package io.panelflow.index;

import io.panelflow.frame.Column;
import io.panelflow.frame.PanelFrame;
import io.panelflow.index.balance.GroupYearAggregates;
import io.panelflow.index.balance.GroupYearCells;
import io.panelflow.model.spec.AggregateSpec;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code missing: skip} averages the members with a value; {@code propagate} leaves an incomplete cell missing. */
class AggregateMissingRuleTest {

    /** Two provinces, two years; city c2 has no tech in 2001 and city c4 no population in 2002. */
    private static PanelFrame cities() {
        Map<String, Column> cols = new LinkedHashMap<>();
        cols.put("city", new Column.Text(new String[]{"c1", "c2", "c3", "c4", "c1", "c2", "c3", "c4"}));
        cols.put("year", new Column.Numeric(new double[]{2001, 2001, 2001, 2001, 2002, 2002, 2002, 2002}));
        cols.put("province", new Column.Text(new String[]{"A", "A", "B", "B", "A", "A", "B", "B"}));
        cols.put("tech", new Column.Numeric(new double[]{1, Double.NaN, 3, 5, 2, 4, 6, 8}));
        cols.put("population", new Column.Numeric(new double[]{1, 1, 1, 3, 1, 3, 1, Double.NaN}));
        return new PanelFrame("city", "year", "province", cols);
    }

    private static Map<String, Map<String, Double>> aggregate(String function, String weight, String missing) {
        PanelFrame p = cities();
        return GroupYearAggregates.compute(p, GroupYearCells.of(p, "province"),
                new AggregateSpec("tech", "tech", function, weight, missing), ReferenceData.measures());
    }

    @Test
    void skipAveragesTheMembersWithAValue() {
        Map<String, Map<String, Double>> skip = aggregate("weighted-mean", "population", null);
        assertEquals(1.0, skip.get("A").get("2001"), 1e-15);
        assertEquals((3 * 1 + 5 * 3) / 4.0, skip.get("B").get("2001"), 1e-15);
        assertEquals((2 * 1 + 4 * 3) / 4.0, skip.get("A").get("2002"), 1e-15);
        assertEquals(6.0, skip.get("B").get("2002"), 1e-15);
        assertEquals(skip, aggregate("weighted-mean", "population", "skip"));
    }

    @Test
    void propagateLeavesACellWithAMissingValueOrWeightMissing() {
        Map<String, Map<String, Double>> propagate = aggregate("weighted-mean", "population", "propagate");
        assertFalse(propagate.get("A").containsKey("2001"), "A 2001: c2 has no tech");
        assertFalse(propagate.get("B").containsKey("2002"), "B 2002: c4 has no population");
        assertEquals((3 * 1 + 5 * 3) / 4.0, propagate.get("B").get("2001"), 1e-15);
        assertEquals((2 * 1 + 4 * 3) / 4.0, propagate.get("A").get("2002"), 1e-15);
        Map<String, Map<String, Double>> mean = aggregate("mean", null, "propagate");
        assertFalse(mean.get("A").containsKey("2001"));
        assertTrue(mean.get("B").containsKey("2002"), "the weight is not used by mean");
        assertEquals(7.0, mean.get("B").get("2002"), 1e-15);
    }

    @Test
    void anUnknownRuleIsNamed() {
        IndexException e = assertThrows(IndexException.class, () -> aggregate("mean", null, "drop"));
        assertTrue(e.getMessage().contains("'drop'") && e.getMessage().contains("propagate"), e.getMessage());
    }
}
