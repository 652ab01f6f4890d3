package io.panelflow.frame.expr;

import io.panelflow.frame.Column;
import io.panelflow.frame.PanelFrame;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpressionTest {
    private static final double NaN = Double.NaN;

    /** Unit A: 2000, 2001, 2003 (2002 missing); unit B: 2000..2002. */
    private static PanelFrame panel() {
        Map<String, Column> c = new LinkedHashMap<>();
        c.put("unit", new Column.Text(new String[]{"A", "A", "A", "B", "B", "B"}));
        c.put("year", new Column.Numeric(new double[]{2000, 2001, 2003, 2000, 2001, 2002}));
        c.put("gdp", new Column.Numeric(new double[]{10, 20, 40, 5, NaN, 15}));
        c.put("pop", new Column.Numeric(new double[]{2, 4, 0, 1, 1, 3}));
        c.put("pilot", new Column.Numeric(new double[]{2001, 2001, 2001, NaN, NaN, NaN}));
        c.put("gdp (bn)", new Column.Numeric(new double[]{1, 2, 3, 4, 5, 6}));
        c.put("region", new Column.Text(new String[]{"e", "e", "e", "w", "w", "w"}));
        return new PanelFrame("unit", "year", null, c);
    }

    private static double[] eval(String s) {
        return Expression.parse(s).evaluate(panel());
    }

    @Test
    void arithmeticFollowsPrecedenceAndGivesNaNWhereUndefined() {
        assertArrayEquals(new double[]{5, 5, NaN, 5, NaN, 5}, eval("gdp / pop"), 1e-15);
        assertArrayEquals(new double[]{-96, -394, -1598, -22, NaN, -220}, eval("2 - gdp^2 - -pop * 1"), 1e-12);
        assertArrayEquals(new double[]{-100, -400, -1600, -25, NaN, -225}, eval("-gdp^2"), 1e-12);
        assertArrayEquals(new double[]{16, 24, 8, 12, 12, 20}, eval("(pop + 2) * 2 ^ 2 + 0 * pop"), 1e-12);
        assertArrayEquals(new double[]{Math.log(10), Math.log(20), Math.log(40), Math.log(5), NaN, Math.log(15)},
                eval("log(gdp)"), 0);
        assertArrayEquals(new double[]{Math.log(2), Math.log(4), NaN, 0, 0, Math.log(3)}, eval("log(pop)"), 0);
        assertArrayEquals(new double[]{Math.sqrt(2), 2, 0, 1, 1, Math.sqrt(3)}, eval("sqrt(abs(-pop))"), 0);
        assertArrayEquals(new double[]{Math.exp(2), Math.exp(4), 1, Math.E, Math.E, Math.exp(3)}, eval("exp(I(pop))"), 0);
        assertArrayEquals(new double[]{2e-4, 4e-4, 0, 1e-4, 1e-4, 3e-4}, eval("pop * 1e-4"), 1e-18);
    }

    @Test
    void lagsLeadsAndDifferencesLookUpTheExactYear() {
        assertArrayEquals(new double[]{NaN, 10, NaN, NaN, 5, NaN}, eval("l(gdp, 1)"), 0);
        assertArrayEquals(new double[]{NaN, 10, NaN, NaN, 5, NaN}, eval("l(gdp)"), 0);
        assertArrayEquals(new double[]{NaN, NaN, 20, NaN, NaN, 5}, eval("l(gdp, 2)"), 0);
        assertArrayEquals(new double[]{20, NaN, NaN, NaN, 15, NaN}, eval("f(gdp, 1)"), 0);
        assertArrayEquals(new double[]{NaN, 10, NaN, NaN, NaN, NaN}, eval("d(gdp)"), 0);
        assertArrayEquals(new double[]{NaN, NaN, 20, NaN, NaN, 10}, eval("d(gdp, 2)"), 0);
        assertArrayEquals(new double[]{NaN, Math.log(10), NaN, NaN, Math.log(5), NaN}, eval("l(log(gdp), 1)"), 0);
        assertEquals("l(log(gdp), 1)", Expression.parse("l( log( gdp ) )").text());
    }

    @Test
    void bartikMultipliesTheLaggedLevelByTheChangeInTheYearlyMean() {
        // yearly means of pop: 2000: 1.5, 2001: 2.5, 2002: 3, 2003: 0
        double[] b = eval("bartik(pop)");
        assertArrayEquals(new double[]{NaN, 2 * (2.5 - 1.5), NaN, NaN, 1 * (2.5 - 1.5), 1 * (3 - 2.5)}, b, 1e-15);
        // A's 2003 row has no 2002 row, so no lagged level
        assertEquals(Double.NaN, b[2]);
    }

    @Test
    void adoptionIndicatorsOfAStaggeredPilot() {
        assertArrayEquals(new double[]{1, 1, 1, 0, 0, 0}, eval("treated(pilot)"), 0);
        assertArrayEquals(new double[]{0, 1, 1, 0, 0, 0}, eval("post(pilot)"), 0);
        assertArrayEquals(new double[]{0, 1, 1, 0, 0, 0}, eval("did(pilot)"), 0);
        assertArrayEquals(new double[]{-1, 0, 2, NaN, NaN, NaN}, eval("event_time(pilot)"), 0);
    }

    @Test
    void backquotedNamesAndVariables() {
        assertArrayEquals(new double[]{1, 2, 3, 4, 5, 6}, eval("`gdp (bn)`"), 0);
        Expression e = Expression.parse("log(`gdp (bn)` / pop) + l(gdp, 1)");
        assertEquals(Set.of("gdp (bn)", "pop", "gdp"), e.variables());
        assertEquals(List.of("gdp (bn)", "pop", "gdp"), List.copyOf(e.variables()));
        assertEquals("log(`gdp (bn)`/pop) + l(gdp, 1)", e.text());
        assertEquals("I(fatal/pop * 10000)", Expression.parse("I(fatal / pop * 10000)").text());
        assertEquals("log(p/c) + (a - b)^2", Expression.parse("log(p/c)+(a-b)^2").text());
        assertEquals("log(pgdp_pca)", Expression.parse("log(pgdp)").renameColumns(Map.of("pgdp", "pgdp_pca")).text());
    }

    @Test
    void parseErrorsNameThePositionAndToken() {
        ExpressionException e = assertThrows(ExpressionException.class, () -> Expression.parse("log(gdp))"));
        assertEquals("unexpected ')' at position 9 in 'log(gdp))'", e.getMessage());
        assertEquals(9, e.position());
        assertEquals(")", e.token());
        e = assertThrows(ExpressionException.class, () -> Expression.parse("gdp + * pop"));
        assertEquals(7, e.position());
        assertEquals("*", e.token());
        e = assertThrows(ExpressionException.class, () -> Expression.parse("log(gdp"));
        assertTrue(e.getMessage().startsWith("unexpected end of input at position 8"), e.getMessage());
        e = assertThrows(ExpressionException.class, () -> Expression.parse("lg(gdp)"));
        assertEquals("unknown function 'lg' (the functions are log, exp, sqrt, abs, I, l, f, d, bartik, treated, post,"
                + " did, event_time) at position 1 in 'lg(gdp)'", e.getMessage());
        e = assertThrows(ExpressionException.class, () -> Expression.parse("sqrtt(gdp)"));
        assertTrue(e.getMessage().startsWith("unknown function 'sqrtt'; did you mean 'sqrt'?"), e.getMessage());
        e = assertThrows(ExpressionException.class, () -> Expression.parse("l(gdp, x)"));
        assertEquals("x", e.token());
        e = assertThrows(ExpressionException.class, () -> Expression.parse("gdp $ 2"));
        assertEquals(5, e.position());
        assertThrows(ExpressionException.class, () -> Expression.parse("log(a, b)"));
        assertThrows(ExpressionException.class, () -> Expression.parse("`gdp"));
        assertThrows(ExpressionException.class, () -> Expression.parse(" "));
    }

    @Test
    void evaluationErrorsNameTheColumn() {
        ExpressionException e = assertThrows(ExpressionException.class, () -> eval("gdp / pgdpp"));
        assertEquals("unknown column 'pgdpp'", e.getMessage());
        assertEquals("pgdpp", e.token());
        assertEquals(7, e.position());
        e = assertThrows(ExpressionException.class, () -> eval("log(region)"));
        assertEquals("column 'region' is text, not numeric", e.getMessage());
    }

    @Test
    void duplicateUnitTimeRowsAreRejectedByPanelOperators() {
        Map<String, Column> c = new LinkedHashMap<>();
        c.put("unit", new Column.Text(new String[]{"A", "A"}));
        c.put("year", new Column.Numeric(new double[]{2000, 2000}));
        c.put("x", new Column.Numeric(new double[]{1, 2}));
        PanelFrame f = new PanelFrame("unit", "year", null, c);
        assertThrows(ExpressionException.class, () -> Expression.parse("l(x)").evaluate(f));
        assertArrayEquals(new double[]{1, 2}, Expression.parse("x").evaluate(f), 0);
    }
}
