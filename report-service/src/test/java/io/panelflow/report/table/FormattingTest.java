package io.panelflow.report.table;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FormattingTest {

    @Test
    void starsUseStrictThresholds() {
        assertEquals("***", SignificanceStars.of(0.0099));
        assertEquals("**", SignificanceStars.of(0.01));
        assertEquals("**", SignificanceStars.of(0.0499));
        assertEquals("*", SignificanceStars.of(0.05));
        assertEquals("*", SignificanceStars.of(0.0999));
        assertEquals("", SignificanceStars.of(0.1));
        assertEquals("", SignificanceStars.of(0.5));
        assertEquals("", SignificanceStars.of(Double.NaN));
    }

    @Test
    void numbersHaveFixedDecimalsMinusSignAndNoNaN() {
        NumberFormatter f = new NumberFormatter(3, "");
        assertEquals("0.261", f.format(0.26099));
        assertEquals("-0.319", f.format(-0.3191));
        assertEquals("0.000", f.format(-0.0004));
        assertEquals("1.000", f.format(0.9995));
        assertEquals("-1.000", f.format(-0.9995));
        assertEquals("1234567.000", f.format(1234567.0));
        assertEquals("", f.format(Double.NaN));
        assertEquals("", f.format(Double.POSITIVE_INFINITY));
        assertEquals("—", new NumberFormatter(3, "—").format((Double) null));
        assertEquals("0.2610", new NumberFormatter(4, "").format(0.261));
        assertEquals("3", new NumberFormatter(0, "").format(2.5));
    }

    @Test
    void missingNumberCellHasNoValue() {
        Cell c = new NumberFormatter(3, "—").cell(Double.NaN);
        assertEquals("—", c.text());
        assertEquals(null, c.value());
    }

    @Test
    void fixedEffectsAreLabelledAndInteractionsUseTimes() {
        Labels labels = new Labels(java.util.Map.of("province", "province"));
        assertEquals("Province FE", labels.fixedEffect("province"));
        assertEquals("Province × Year FE", labels.fixedEffect("province^year"));
        assertEquals("Constant", labels.term("(Intercept)"));
    }

    @Test
    void tableRejectsRowsOfTheWrongWidth() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Table("t", "T",
                java.util.List.of(java.util.List.of(Cell.text("a"), Cell.text("b"))),
                java.util.List.of(TableSection.untitled(java.util.List.of(
                        Row.of(RowKind.DATA, "x", java.util.List.of(Cell.text("1"), Cell.text("2")))))),
                java.util.List.of()));
    }
}
