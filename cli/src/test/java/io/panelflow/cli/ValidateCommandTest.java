package io.panelflow.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code panelflow validate} offline: the ingest service's checks, its problem titles and details, exit codes. */
class ValidateCommandTest {
    static final String SPEC = """
            name: small
            panel: {unit: province, time: year}
            models:
              - {id: m1, formula: "y ~ x | province + year"}
            """;
    static final String DATA = """
            province,year,y,x
            A,2020,1.0,0.5
            A,2021,1.5,0.7
            B,2020,2.0,0.1
            B,2021,2.5,0.9
            C,2020,0.3,0.2
            C,2021,0.8,0.4
            """;

    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Panelflow.run(args, Map.of(), new PrintWriter(out), new PrintWriter(err));
        return new Outcome(code, out.toString(), err.toString());
    }

    Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aGoodSpecAndDataAreValid() throws IOException {
        Outcome o = run("validate", write("spec.yaml", SPEC).toString(), write("data.csv", DATA).toString());
        assertEquals(ExitCodes.OK, o.code(), o.err());
        assertEquals("spec 'small' and data are valid: 6 rows and 4 columns after cleaning", o.out().strip());
        assertEquals("", o.err());
    }

    @Test
    void aStataFileIsReadAsTheServiceReadsIt() throws IOException {
        byte[] dta = io.panelflow.dta.DtaWriter.write118(List.of(
                io.panelflow.dta.DtaWriter.Column.labelled("province", "", new double[] {1, 1, 2, 2, 3, 3},
                        Map.of(1, "A", 2, "B", 3, "C")),
                io.panelflow.dta.DtaWriter.Column.numeric("year", "", new double[] {2020, 2021, 2020, 2021, 2020, 2021}),
                io.panelflow.dta.DtaWriter.Column.numeric("y", "", new double[] {1.0, 1.5, 2.0, 2.5, 0.3, 0.8}),
                io.panelflow.dta.DtaWriter.Column.numeric("x", "", new double[] {0.5, 0.7, 0.1, 0.9, 0.2, 0.4})),
                6, "", java.time.LocalDateTime.of(2026, 1, 2, 3, 4));
        Path data = Files.write(dir.resolve("data.dta"), dta);
        Outcome o = run("validate", write("spec.yaml", SPEC).toString(), data.toString());
        assertEquals(ExitCodes.OK, o.code(), o.err());
        assertEquals("spec 'small' and data are valid: 6 rows and 4 columns after cleaning", o.out().strip());
        Outcome bad = run("validate", write("spec2.yaml", SPEC.replace("y ~ x", "y ~ z")).toString(), data.toString());
        assertEquals(ExitCodes.INVALID, bad.code());
        assertTrue(bad.err().startsWith("panelflow: Missing column:"), bad.err());
    }

    @Test
    void aGoodSpecAloneIsValid() throws IOException {
        Outcome o = run("validate", write("spec.yaml", SPEC).toString());
        assertEquals(ExitCodes.OK, o.code(), o.err());
        assertEquals("spec 'small' is valid", o.out().strip());
    }

    @Test
    void aSpecAgainstTheSchemaGivesTheServicesProblemLine() throws IOException {
        Outcome o = run("validate", write("spec.yaml", "name: small\npanel: {unit: province}\n").toString());
        assertEquals(ExitCodes.INVALID, o.code());
        assertEquals("panelflow: Invalid study spec: $.panel: required property 'time' not found (at $.panel)",
                o.err().strip());
        assertEquals("", o.out());
    }

    @Test
    void aSpecThatIsNotYamlNamesTheLine() throws IOException {
        Outcome o = run("validate", write("spec.yaml", "name: [unclosed\n").toString());
        assertEquals(ExitCodes.INVALID, o.code());
        assertTrue(o.err().startsWith("panelflow: Invalid study spec: the spec is not valid YAML or JSON at line"), o.err());
    }

    @Test
    void aSpecOverALimitNamesTheLimit() throws IOException {
        Outcome o = run("validate", write("spec.yaml", SPEC + "bootstrap: {draws: 100000000}\n").toString());
        assertEquals(ExitCodes.INVALID, o.code(), o.err());
        assertTrue(o.err().startsWith("panelflow: "), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
    }

    @Test
    void textInANumericColumnNamesRowColumnAndValueAsTheServiceDoes() throws IOException {
        Outcome o = run("validate", write("spec.yaml", SPEC).toString(),
                write("data.csv", DATA.replace("B,2021,2.5,0.9", "B,2021,2.5,n/a?")).toString());
        assertEquals(ExitCodes.INVALID, o.code());
        List<String> lines = o.err().strip().lines().toList();
        assertEquals(1, lines.size(), o.err());
        assertTrue(lines.get(0).startsWith("panelflow: Text in a numeric column: row 5, column x: 'n/a?' is not a number"),
                lines.get(0));
    }

    @Test
    void aMissingColumnIsNamed() throws IOException {
        Outcome o = run("validate", write("spec.yaml", SPEC.replace("y ~ x", "y ~ z")).toString(),
                write("data.csv", DATA).toString());
        assertEquals(ExitCodes.INVALID, o.code());
        assertTrue(o.err().startsWith("panelflow: Missing column:"), o.err());
        assertTrue(o.err().contains("'z'") || o.err().contains(" z"), o.err());
    }

    @Test
    void aMissingFileIsAUsageErrorWithoutAStackTrace() {
        Outcome o = run("validate", dir.resolve("absent.yaml").toString());
        assertEquals(ExitCodes.INVALID, o.code());
        assertEquals("panelflow: there is no file " + dir.resolve("absent.yaml"), o.err().strip());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Outcome o = run("validate", "spec.yaml", "--frobnicate");
        assertEquals(ExitCodes.INVALID, o.code());
        assertTrue(o.err().contains("Unknown option"), o.err());
        Outcome missing = run("validate");
        assertEquals(ExitCodes.INVALID, missing.code());
        assertTrue(missing.err().contains("Missing required parameter: 'SPEC'"), missing.err());
    }
}
