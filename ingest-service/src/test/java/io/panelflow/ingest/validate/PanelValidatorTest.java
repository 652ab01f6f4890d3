package io.panelflow.ingest.validate;

import io.panelflow.frame.PanelFrame;
import io.panelflow.ingest.upload.RawTable;
import io.panelflow.ingest.upload.UploadProblem;
import io.panelflow.ingest.upload.UploadReader;
import io.panelflow.model.spec.SpecReader;
import io.panelflow.model.spec.StudySpec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PanelValidatorTest {
    private static final String SPEC = """
            name: t
            panel: {unit: province, time: year, attributes: [region]}
            derive:
              - {name: pgdp, expr: "gdp / pop"}
            indices:
              - name: DT
                method: entropy
                indicators: [{column: cable}, {column: ports}]
            models:
              - id: base
                formula: "Y ~ DT + log(pgdp) + i(region) | province + year"
                vcov: {cluster: province}
            """;

    private static RawTable table(String csv) {
        return new UploadReader().read(csv.getBytes(StandardCharsets.UTF_8), "p.csv");
    }

    private static StudySpec spec(String yaml) {
        return SpecReader.read(yaml);
    }

    private static UploadProblem problem(String csv, String yaml) {
        return assertThrows(UploadProblem.class, () -> PanelValidator.validate(table(csv), spec(yaml)));
    }

    @Test
    void typesAndSortsByUnitThenTime() {
        String csv = """
                province,year,region,gdp,pop,cable,ports,Y,note
                B,2016,east,4,2,1,1,1,x
                A,2016,east,6,3,1,1,1,
                B,2015,east,2,1,1,NA,1,y
                A,2015,east,3,1,1,1,1,1
                """;
        ValidatedPanel v = PanelValidator.validate(table(csv), spec(SPEC));
        PanelFrame f = v.frame();
        assertArrayEquals(new String[]{"A", "A", "B", "B"}, f.text("province"));
        assertArrayEquals(new double[]{2015, 2016, 2015, 2016}, f.numeric("year"));
        assertArrayEquals(new double[]{3, 6, 2, 4}, f.numeric("gdp"));
        assertTrue(Double.isNaN(f.numeric("ports")[2]));
        assertFalse(f.isNumeric("region"));
        assertFalse(f.isNumeric("note"));
        assertArrayEquals(new int[]{5, 3, 4, 2}, v.sourceRows());
        assertEquals("province", f.unitColumn());
    }

    @Test
    void usedColumnsAreThoseOfTheSpecMinusProducedNames() {
        SpecColumns c = SpecColumns.of(spec(SPEC));
        assertEquals(List.of("province", "year", "region", "gdp", "pop", "cable", "ports", "Y"), c.columns());
        assertEquals(List.of("gdp", "pop", "cable", "ports", "Y"), c.numericColumns());
        assertTrue(c.produced().containsAll(List.of("DT", "pgdp")));
    }

    @Test
    void numericUnitsSortAsNumbers() {
        String csv = "id,year,x\n10,2015,1\n9,2015,2\n";
        ValidatedPanel v = PanelValidator.validate(table(csv), spec("name: t\npanel: {unit: id, time: year}\n"));
        assertArrayEquals(new String[]{"9", "10"}, v.frame().text("id"));
    }

    @Test
    void nonIntegerYearNamesRowColumnAndValue() {
        String csv = "province,year,x\nA,2014,1\nA,2015.5,2\n";
        UploadProblem p = problem(csv, "name: t\npanel: {unit: province, time: year}\n");
        assertEquals(3, p.row());
        assertEquals("year", p.column());
        assertEquals("2015.5", p.value());
        assertTrue(p.detail().startsWith("row 3, column year: '2015.5' is not a whole number"), p.detail());
    }

    @Test
    void textYearIsNotANumber() {
        UploadProblem p = problem("u,year\nA,2015\nA,y2016\n", "name: t\npanel: {unit: u, time: year}\n");
        assertEquals("Invalid time", p.title());
        assertEquals("y2016", p.value());
    }

    @Test
    void duplicateKeyNamesBothRows() {
        String csv = "province,year,x\nA,2015,1\nA,2016,2\nB,2015,3\nA,2015,4\n";
        UploadProblem p = problem(csv, "name: t\npanel: {unit: province, time: year}\n");
        assertEquals("Duplicate unit and time", p.title());
        assertEquals(5, p.row());
        assertTrue(p.detail().startsWith("rows 2 and 5 both have province 'A' and year 2015"), p.detail());
    }

    @Test
    void missingColumnNamesItAndWhereTheSpecUsesIt() {
        String csv = "province,year,region,gdp,pop,cable,Y\nA,2015,e,1,1,1,1\n";
        UploadProblem p = problem(csv, SPEC);
        assertEquals("Missing column", p.title());
        assertEquals("ports", p.column());
        assertTrue(p.detail().contains("indices[0] (DT) indicator"), p.detail());
    }

    @Test
    void missingFormulaVariableIsFound() {
        String csv = "province,year,region,gdp,pop,cable,ports\nA,2015,e,1,1,1,1\n";
        UploadProblem p = problem(csv, SPEC);
        assertEquals("Y", p.column());
        assertTrue(p.detail().contains("models[0] (base) formula"), p.detail());
    }

    @Test
    void textInNumericColumnNamesFirstRowAndValue() {
        String csv = """
                province,year,region,gdp,pop,cable,ports,Y
                A,2015,e,1,1,1,1,1
                A,2016,e,"1,234",1,1,1,1
                A,2017,e,abc,1,1,1,1
                """;
        UploadProblem p = problem(csv, SPEC);
        assertEquals("Text in a numeric column", p.title());
        assertEquals(3, p.row());
        assertEquals("gdp", p.column());
        assertEquals("1,234", p.value());
        assertTrue(p.detail().contains("thousands separators are not accepted: write 1234"), p.detail());
        assertTrue(p.detail().contains("1 more cells"), p.detail());
    }

    @Test
    void textIsAllowedForFixedEffectsDummiesAndClusters() {
        String csv = "province,year,region,gdp,pop,cable,ports,Y\nA,2015,east,1,1,1,1,1\n";
        ValidatedPanel v = PanelValidator.validate(table(csv), spec(SPEC));
        assertFalse(v.frame().isNumeric("region"));
    }

    @Test
    void allMissingUsedColumnIsAnError() {
        String csv = "province,year,region,gdp,pop,cable,ports,Y\nA,2015,e,1,1,1,NA,1\nA,2016,e,1,1,1,,1\n";
        UploadProblem p = problem(csv, SPEC);
        assertEquals("Empty column", p.title());
        assertEquals("ports", p.column());
        assertNull(p.row());
    }

    @Test
    void collectsSeveralProblemsAndReportsTheFirst() {
        String csv = "u,year\nA,2015\n,2016\nA,20x\nA,2015\n";
        UploadProblem p = problem(csv, "name: t\npanel: {unit: u, time: year}\n");
        assertEquals(3, p.row());
        assertEquals("Missing unit", p.title());
        assertEquals(3, p.totalProblems());
        assertTrue(p.detail().endsWith("(and 2 more problems)"), p.detail());
        assertEquals(List.of(4, 5), p.alsoFound().stream().map(UploadProblem::row).toList());
    }

    @Test
    void malformedFormulaIsAProblemNamingTheModel() {
        String yaml = "name: t\npanel: {unit: u, time: year}\nmodels: [{id: m, formula: \"y ~ log(x\"}]\n";
        UploadProblem p = problem("u,year,y,x\nA,2015,1,1\n", yaml);
        assertEquals("Invalid formula", p.title());
        assertTrue(p.detail().contains("models[0] (m) formula"), p.detail());
    }

    @Test
    void numberSyntax() {
        for (String ok : List.of("12", "-0.5", ".5", "3.", "1.2e-5", "+4E3")) {
            assertTrue(NumberSyntax.isNumber(ok), ok);
        }
        for (String bad : List.of("1,234", "1,5", "12%", "Inf", "0x1F", "1e", "abc", "1 000")) {
            assertFalse(NumberSyntax.isNumber(bad), bad);
        }
        assertEquals(" (use a decimal point: 1.5)", NumberSyntax.hint("1,5"));
    }
}
