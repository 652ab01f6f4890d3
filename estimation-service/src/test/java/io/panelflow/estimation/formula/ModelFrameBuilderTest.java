package io.panelflow.estimation.formula;

import io.panelflow.estimation.engine.FixefK;
import io.panelflow.estimation.engine.VcovType;
import io.panelflow.frame.Column;
import io.panelflow.frame.PanelFrame;
import io.panelflow.frame.formula.Formula;
import io.panelflow.model.spec.VcovSpec;
import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.testing.SharedReference;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelFrameBuilderTest {
    private static final double NaN = Double.NaN;

    /** Units A, B, C over 2000-2002; B lacks 2001 (gap), C's y is missing in 2002. */
    private static PanelFrame panel() {
        Map<String, Column> c = new LinkedHashMap<>();
        c.put("unit", new Column.Text(new String[]{"A", "A", "A", "B", "B", "C", "C", "C"}));
        c.put("year", new Column.Numeric(new double[]{2000, 2001, 2002, 2000, 2002, 2000, 2001, 2002}));
        c.put("y", new Column.Numeric(new double[]{1, 2, 3, 4, 5, 6, 7, NaN}));
        c.put("x", new Column.Numeric(new double[]{1, 3, 2, 5, 4, 8, 6, 7}));
        c.put("z", new Column.Numeric(new double[]{2, 1, 4, 3, 6, 5, 8, 7}));
        c.put("region", new Column.Text(new String[]{"e", "e", "e", "w", "w", "c", "c", "c"}));
        c.put("const", new Column.Numeric(new double[]{1, 1, 1, 1, 1, 1, 1, 1}));
        return new PanelFrame("unit", "year", null, c);
    }

    @Test
    void dropsAndCountsRowsWithMissingValuesAndMapsBack() {
        ModelFrame m = new ModelFrameBuilder(panel()).build(Formula.parse("y ~ x + log(z) + x:z | unit + year"), VcovSpec.DEFAULT);
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5, 6}, m.rows());
        assertEquals(1, m.droppedMissing());
        assertEquals(8, m.candidateRows());
        assertArrayEquals(new String[]{"x", "log(z)", "x:z"}, m.design().xNames());
        assertArrayEquals(new double[]{2 * 1, 1 * 3, 4 * 2, 3 * 5, 6 * 4, 5 * 8, 8 * 6}, m.design().x()[2], 0);
        assertArrayEquals(new double[]{Math.log(2), 0, Math.log(4), Math.log(3), Math.log(6), Math.log(5), Math.log(8)},
                m.design().x()[1], 0);
        assertEquals("y", m.design().yName());
        assertArrayEquals(new String[]{"unit", "year"}, m.design().fixedEffectNames());
        assertArrayEquals(new int[]{0, 0, 0, 1, 1, 2, 2}, m.design().fixedEffects()[0]);
        assertArrayEquals(new int[]{0, 1, 2, 0, 2, 0, 1}, m.design().fixedEffects()[1]);
        assertArrayEquals(new String[]{"2000", "2001", "2002"}, m.fixedEffectLevels().get(1));
        // default vcov: clustered by the panel unit
        assertEquals(VcovType.CLUSTER, m.vcov().type());
        assertArrayEquals(new String[]{"unit"}, m.vcov().clusterNames());
        assertArrayEquals(new int[]{0, 0, 0, 1, 1, 2, 2}, m.vcov().clusters()[0]);
        assertArrayEquals(new int[]{3}, m.clusterLevels());
        assertEquals(FixefK.NESTED, m.vcov().fixefK());
    }

    @Test
    void lagsUseTheExactPreviousYearAndTheSampleRestrictsAfterEvaluation() {
        ModelFrameBuilder b = new ModelFrameBuilder(panel());
        ModelFrame m = b.build(Formula.parse("y ~ l(x, 1) | unit"), new VcovSpec("hetero", null, null, null));
        // rows with a lag: A2001, A2002, C2001 (B2002's previous year is a gap; C2002 misses y)
        assertArrayEquals(new int[]{1, 2, 6}, m.rows());
        assertArrayEquals(new double[]{1, 3, 8}, m.design().x()[0], 0);
        assertEquals(5, m.droppedMissing());
        assertEquals(VcovType.HETERO, m.vcov().type());
        boolean[] sample = {false, false, true, true, true, true, true, true};
        ModelFrame s = b.build(Formula.parse("y ~ l(x, 1)"), VcovSpec.DEFAULT, sample, null);
        assertArrayEquals(new int[]{2, 6}, s.rows());
        assertEquals(6, s.candidateRows());
        assertEquals(4, s.droppedMissing());
    }

    @Test
    void dummiesInteractedFixedEffectsAndVcovVariants() {
        ModelFrame m = new ModelFrameBuilder(panel()).build(
                Formula.parse("y ~ x + i(region, ref = \"e\") + i(year, z, ref = 2000) | region^unit"),
                new VcovSpec("cluster", List.of("unit", "region^year"), null, "full"));
        assertArrayEquals(new String[]{"x", "region::c", "region::w", "year::2001:z", "year::2002:z"}, m.design().xNames());
        assertArrayEquals(new double[]{0, 0, 0, 0, 0, 1, 1}, m.design().x()[1], 0);
        assertArrayEquals(new double[]{0, 1, 0, 0, 0, 0, 8}, m.design().x()[3], 0);
        assertEquals(3, m.fixedEffectLevels().get(0).length);
        assertEquals("e^A", m.fixedEffectLevels().get(0)[0]);
        assertArrayEquals(new int[]{3, 7}, m.clusterLevels());
        assertEquals(FixefK.FULL, m.vcov().fixefK());
        ModelFrame dk = new ModelFrameBuilder(panel()).build(Formula.parse("y ~ x"), new VcovSpec("driscoll-kraay", null, 2, null));
        assertEquals(VcovType.DRISCOLL_KRAAY, dk.vcov().type());
        assertEquals(2, dk.vcov().lag());
        assertArrayEquals(new int[]{2000, 2001, 2002, 2000, 2002, 2000, 2001}, dk.vcov().time());
        ModelFrame iv = new ModelFrameBuilder(panel()).build(Formula.parse("y ~ z | x ~ l(x) + bartik(x)"),
                new VcovSpec("iid", null, null, null));
        assertArrayEquals(new String[]{"x"}, iv.design().endogenousNames());
        assertArrayEquals(new String[]{"l(x, 1)", "bartik(x)"}, iv.design().instrumentNames());
        assertNull(iv.vcov().clusters());
    }

    @Test
    void errorsNameTheTermOrColumn() {
        ModelFrameBuilder b = new ModelFrameBuilder(panel());
        ModelFrameException e = assertThrows(ModelFrameException.class, () -> b.build(Formula.parse("y ~ log(pgdpp)"), VcovSpec.DEFAULT));
        assertEquals("term 'log(pgdpp)': unknown column 'pgdpp'", e.getMessage());
        e = assertThrows(ModelFrameException.class, () -> b.build(Formula.parse("y ~ x + region"), VcovSpec.DEFAULT));
        assertEquals("term 'region': column 'region' is text, not numeric", e.getMessage());
        e = assertThrows(ModelFrameException.class, () -> b.build(Formula.parse("y ~ x | prov"), VcovSpec.DEFAULT));
        assertEquals("prov", e.term());
        e = assertThrows(ModelFrameException.class, () -> b.build(Formula.parse("y ~ l(x, 5)"), VcovSpec.DEFAULT));
        assertEquals("l(x, 5)", e.term());
        assertTrue(e.getMessage().contains("missing in 8 of them"), e.getMessage());
        e = assertThrows(ModelFrameException.class, () -> b.build(Formula.parse("y ~ x + const | year"), VcovSpec.DEFAULT));
        assertEquals("term 'const' is constant within every level of the fixed effect 'year', so the fixed effect absorbs it", e.getMessage());
        e = assertThrows(ModelFrameException.class, () -> b.build(Formula.parse("y ~ x + const"), VcovSpec.DEFAULT));
        assertEquals("const", e.term());
        e = assertThrows(ModelFrameException.class, () -> b.build(Formula.parse("y ~ x"), new VcovSpec("cluster", List.of("prov"), null, null)));
        assertEquals("prov", e.term());
        e = assertThrows(ModelFrameException.class, () -> b.build(Formula.parse("y ~ x"), new VcovSpec("bootstrap", null, null, null)));
        assertEquals("bootstrap", e.term());
    }

    @Test
    void referenceLagDropsTheFirstYear() {
        JsonNode expected = SharedReference.json("S11_produc_lag_and_subsample").get("expected").get("a_lag");
        PanelFrame produc = ReferencePanels.read("S11_produc_lag_and_subsample.csv", "state", "year");
        ModelFrame m = new ModelFrameBuilder(produc).build(Formula.parse(expected.get("formula").asText()), VcovSpec.DEFAULT);
        assertEquals(expected.get("n_obs").asInt(), m.observations());
        assertEquals(expected.get("n_obs_removed").asInt(), m.droppedMissing());
        assertEquals(expected.get("fixed_effect_sizes").get("state").asInt(), m.fixedEffectLevels().get(0).length);
        assertEquals(expected.get("fixed_effect_sizes").get("year").asInt(), m.fixedEffectLevels().get(1).length);
        List<String> names = List.of(m.design().xNames());
        List<String> expectedNames = new java.util.ArrayList<>();
        expected.get("coefficients").fieldNames().forEachRemaining(expectedNames::add);
        assertEquals(expectedNames, names);
    }
}
