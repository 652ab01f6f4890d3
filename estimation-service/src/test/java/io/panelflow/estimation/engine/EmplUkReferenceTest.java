package io.panelflow.estimation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.testing.SharedReference;
import org.junit.jupiter.api.Test;

/** S9: EmplUK, two-way FE on an unbalanced panel (iterative demeaning), clustered by firm. */
class EmplUkReferenceTest {

    @Test
    void unbalancedTwoWay() {
        JsonNode expected = SharedReference.json("S9_empluk_unbalanced").get("expected").get("twfe");
        ReferenceTable t = ReferenceTable.read("S9_empluk_unbalanced.csv");
        int[] firm = t.codes("firm");
        Design d = Design.ols(t.log("emp"), "log(emp)",
                new double[][]{t.log("wage"), t.log("capital"), t.log("output")},
                new String[]{"log(wage)", "log(capital)", "log(output)"},
                new int[][]{firm, t.codes("year")}, new String[]{"firm", "year"});
        ReferenceChecks.allBlocks(expected, d, EstimationOptions.DEFAULT, firm, "firm", ReferenceChecks.TIGHT, "S9");
    }
}
