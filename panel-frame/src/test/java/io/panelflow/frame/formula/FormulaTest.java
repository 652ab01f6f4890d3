package io.panelflow.frame.formula;

import io.panelflow.frame.expr.ExpressionException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FormulaTest {

    private static List<String> terms(Formula f) {
        return f.regressors().stream().map(FormulaTerm::text).toList();
    }

    @Test
    void fixedEffectsFormula() {
        Formula f = Formula.parse("Y ~ DT + log(pgdp) + urban | province + year");
        assertEquals("Y", f.dependent().text());
        assertEquals(List.of("DT", "log(pgdp)", "urban"), terms(f));
        assertEquals(List.of("province", "year"), f.fixedEffects().stream().map(FixedEffectTerm::text).toList());
        assertFalse(f.isInstrumental());
        assertEquals(List.of("Y", "DT", "pgdp", "urban", "province", "year"), List.copyOf(f.variables()));
        assertEquals("Y ~ DT + log(pgdp) + urban | province + year", f.text());
    }

    @Test
    void instrumentalVariablesWithAndWithoutFixedEffects() {
        Formula f = Formula.parse("log(packs) ~ log(rincome) | state + year | log(price/cpi) ~ I((taxs - tax)/cpi) + I(tax/cpi)");
        assertTrue(f.isInstrumental());
        assertEquals(List.of("log(price/cpi)"), f.endogenous().stream().map(e -> e.text()).toList());
        assertEquals(List.of("I((taxs - tax)/cpi)", "I(tax/cpi)"), f.instruments().stream().map(e -> e.text()).toList());
        assertEquals(2, f.fixedEffects().size());
        assertEquals(List.of("packs", "rincome", "state", "year", "price", "cpi", "taxs", "tax"), List.copyOf(f.variables()));

        Formula g = Formula.parse("y ~ x | endo ~ z1 + bartik(endo)");
        assertTrue(g.fixedEffects().isEmpty());
        assertTrue(g.intercept());
        assertEquals(List.of("z1", "bartik(endo)"), g.instruments().stream().map(e -> e.text()).toList());
        assertEquals("y ~ x | endo ~ z1 + bartik(endo)", g.text());
        Formula h = Formula.parse("y ~ 1 | endo ~ z");
        assertTrue(h.regressors().isEmpty());
        assertEquals("y ~ 1 | endo ~ z", h.text());
    }

    @Test
    void termsAreNormalizedAsRPrintsThem() {
        Formula f = Formula.parse("I( fatal / pop*10000 ) ~ l(DT) + l( log(pcap) , 2 ) + log(price/cpi) + `odd name`");
        assertEquals("I(fatal/pop * 10000)", f.dependent().text());
        assertEquals(List.of("l(DT, 1)", "l(log(pcap), 2)", "log(price/cpi)", "`odd name`"), terms(f));
        assertTrue(f.variables().contains("odd name"));
    }

    @Test
    void interactionsExpand() {
        assertEquals(List.of("x", "z", "x:z"), terms(Formula.parse("y ~ x*z")));
        assertEquals(List.of("x", "z", "w", "x:z", "x:w", "z:w", "x:z:w"), terms(Formula.parse("y ~ x*z*w")));
        assertEquals(List.of("x", "x:log(z)"), terms(Formula.parse("y ~ x + x:log(z)")));
        assertEquals(List.of("x", "z", "x:z"), terms(Formula.parse("y ~ x + x*z")));
        InteractionTerm t = assertInstanceOf(InteractionTerm.class, Formula.parse("y ~ x:z").regressors().get(0));
        assertEquals(2, t.factors().size());
    }

    @Test
    void categoricalDummies() {
        Formula f = Formula.parse("y ~ i(rel_time, ref = c(-1, -1000)) + i(region, ref = \"east\") + i(year, treat, ref = 2004) + i(g)");
        DummyTerm a = assertInstanceOf(DummyTerm.class, f.regressors().get(0));
        assertEquals("rel_time", a.variable());
        assertEquals(List.of("-1", "-1000"), a.references());
        assertNull(a.slope());
        assertEquals("rel_time::3", a.levelName("3"));
        assertEquals("i(rel_time, ref = c(-1, -1000))", a.text());
        DummyTerm b = assertInstanceOf(DummyTerm.class, f.regressors().get(1));
        assertEquals(List.of("east"), b.references());
        assertEquals("i(region, ref = \"east\")", b.text());
        DummyTerm c = assertInstanceOf(DummyTerm.class, f.regressors().get(2));
        assertEquals("treat", c.slope().text());
        assertEquals("year::2005:treat", c.levelName("2005"));
        assertEquals(List.of("2004"), c.references());
        assertTrue(((DummyTerm) f.regressors().get(3)).references().isEmpty());
        assertEquals(List.of("y", "rel_time", "region", "year", "treat", "g"), List.copyOf(f.variables()));
    }

    @Test
    void interactedFixedEffectsAndIntercept() {
        Formula f = Formula.parse("y ~ x | state + region^year");
        assertEquals(List.of("region", "year"), f.fixedEffects().get(1).variables());
        assertEquals("region^year", f.fixedEffects().get(1).text());
        assertFalse(Formula.parse("y ~ 0 + x").intercept());
        assertFalse(Formula.parse("y ~ x - 1").intercept());
        assertTrue(Formula.parse("y ~ 1 + x").intercept());
        assertEquals("y ~ 0 + x", Formula.parse("y ~ x - 1").text());
    }

    @Test
    void rewritingForRobustnessVariants() {
        Formula f = Formula.parse("Y ~ DT + log(pgdp) | province + year");
        assertEquals("Y ~ DT_pca + log(pgdp) | province + year", f.renameColumns(Map.of("DT", "DT_pca")).text());
        assertEquals("Y ~ DT + log(pgdp) + urban + x:z | province + year",
                f.withAddedRegressors(List.of("urban", "log(pgdp)", "x:z")).text());
        assertEquals("Y ~ DT + log(pgdp) | province + year + province^year",
                f.withAddedFixedEffects(List.of("province^year", "year")).text());
    }

    @Test
    void errorsNamePositionAndToken() {
        ExpressionException e = assertThrows(ExpressionException.class, () -> Formula.parse("y ~ log(gdp)) + x"));
        assertEquals(13, e.position());
        assertEquals(")", e.token());
        assertEquals("unexpected ')' at position 13 in 'y ~ log(gdp)) + x'", e.getMessage());
        e = assertThrows(ExpressionException.class, () -> Formula.parse("y + x"));
        assertTrue(e.getMessage().startsWith("unexpected end of input"), e.getMessage());
        e = assertThrows(ExpressionException.class, () -> Formula.parse("y ~ x | log(state)"));
        assertEquals("log", e.token());
        e = assertThrows(ExpressionException.class, () -> Formula.parse("y ~ x | fe | endo"));
        assertTrue(e.getMessage().contains("end of input"), e.getMessage());
        e = assertThrows(ExpressionException.class, () -> Formula.parse("y ~ x + 2"));
        assertEquals("2", e.token());
        e = assertThrows(ExpressionException.class, () -> Formula.parse("y ~ a / b"));
        assertEquals("/", e.token());
        e = assertThrows(ExpressionException.class, () -> Formula.parse("y ~ x | a ^ "));
        assertEquals(13, e.position());
    }
}
