package io.panelflow.ingest.validate;

import io.panelflow.ingest.upload.UploadProblem;
import io.panelflow.ingest.upload.UploadReader;
import io.panelflow.model.spec.SpecReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecColumnsTest {
    private static final String FULL = """
            name: full
            panel: {unit: province, time: year, attributes: [region]}
            derive:
              - {name: pgdp, expr: "gdp / pop"}
              - {name: lpgdp, expr: "log(pgdp)"}
            indices:
              - {name: DT, method: entropy, indicators: [{column: cable}, {column: ports}]}
              - {name: DT_pca, method: pca, indicators: [{column: cable}, {column: ports}]}
              - {name: RB, method: reverse-fiscal, supply: PS, population: pop}
            balance:
              - {name: imb, method: theil-t, measure: "gdp / citypop", weight: citypop, by: region}
            models:
              - id: base
                formula: "Y ~ DT + lpgdp + urban | province + region^year"
            robustness:
              - {id: pca, replace: {DT: DT_pca}}
              - {id: more, add-controls: ["log(gov)"], add-fixed-effects: ["region^year"]}
              - {id: iv, formula: "Y ~ urban | province + year | DT ~ bartik(DT) + rain"}
              - {id: drop, exclude: {capital: ["yes"]}}
            heterogeneity: [{by: gov, split: quartiles}, {by: coastal}]
            mechanisms: [{mediator: innovation}]
            """;

    @Test
    void collectsEveryUseWithItsRole() {
        SpecColumns c = SpecColumns.of(SpecReader.read(FULL));
        assertEquals(List.of("gdp", "pop", "cable", "ports", "PS", "citypop", "Y", "urban", "gov", "rain", "innovation"),
                c.numericColumns());
        List<String> all = c.columns();
        for (String textUse : List.of("province", "year", "region", "capital", "coastal")) {
            assertTrue(all.contains(textUse), textUse);
            assertFalse(c.numericColumns().contains(textUse), textUse);
        }
        for (String produced : List.of("pgdp", "lpgdp", "DT", "DT_pca", "RB", "imb")) {
            assertFalse(all.contains(produced), produced);
        }
    }

    @Test
    void addedControlsAreChecked() {
        String csv = "province,year,region,gdp,pop,cable,ports,PS,citypop,Y,urban,rain,innovation,capital,coastal\n"
                + "A,2015,e,1,1,1,1,1,1,1,1,1,1,no,yes\n";
        UploadProblem p = assertThrows(UploadProblem.class, () -> PanelValidator.validate(
                new UploadReader().read(csv.getBytes(StandardCharsets.UTF_8), "p.csv"), SpecReader.read(FULL)));
        assertEquals("gov", p.column());
        assertTrue(p.detail().contains("robustness[1] (more) formula"), p.detail());
    }

    @Test
    void derivedColumnMayNotUseALaterOneOrAnIndex() {
        UploadProblem later = assertThrows(UploadProblem.class, () -> SpecColumns.of(SpecReader.read("""
                name: t
                panel: {unit: u, time: t}
                derive: [{name: a, expr: "b * 2"}, {name: b, expr: "x + 1"}]
                """)));
        assertTrue(later.detail().contains("derived after it"), later.detail());
        UploadProblem index = assertThrows(UploadProblem.class, () -> SpecColumns.of(SpecReader.read("""
                name: t
                panel: {unit: u, time: t}
                derive: [{name: a, expr: "DT * 2"}]
                indices: [{name: DT, method: equal, indicators: [{column: x}]}]
                """)));
        assertTrue(index.detail().contains("only after cleaning"), index.detail());
    }

    @Test
    void quartileSplitNeedsNumbersGroupSplitTakesText() {
        String yaml = """
                name: t
                panel: {unit: u, time: year}
                heterogeneity: [{by: size, split: quartiles}, {by: coast}]
                """;
        String csv = "u,year,size,coast\nA,2015,big,yes\n";
        UploadProblem p = assertThrows(UploadProblem.class, () -> PanelValidator.validate(
                new UploadReader().read(csv.getBytes(StandardCharsets.UTF_8), "p.csv"), SpecReader.read(yaml)));
        assertEquals("size", p.column());
        assertEquals("big", p.value());
        assertEquals(1, p.totalProblems());
    }

    @Test
    void missingGroupIsNamed() {
        String yaml = "name: t\npanel: {unit: city, time: year, group: province}\n";
        String csv = "city,year,province\nA,2015,P\nB,2015,NA\n";
        UploadProblem p = assertThrows(UploadProblem.class, () -> PanelValidator.validate(
                new UploadReader().read(csv.getBytes(StandardCharsets.UTF_8), "p.csv"), SpecReader.read(yaml)));
        assertEquals("Missing group", p.title());
        assertEquals(3, p.row());
    }

    @Test
    void europeanSemicolonFileWithDecimalCommaGetsAHint() {
        String yaml = "name: t\npanel: {unit: u, time: year}\ncleaning: {columns: [x]}\n";
        String csv = "u;year;x\nA;2015;1,5\n";
        UploadProblem p = assertThrows(UploadProblem.class, () -> PanelValidator.validate(
                new UploadReader().read(csv.getBytes(StandardCharsets.UTF_8), "p.csv"), SpecReader.read(yaml)));
        assertTrue(p.detail().contains("use a decimal point: 1.5"), p.detail());
    }
    @Test
    void analysesSectionsNameTheirColumns() {
        SpecColumns c = SpecColumns.of(SpecReader.read("""
                name: t
                panel: {unit: u, time: t}
                derive: [{name: lx, expr: "log(x)"}]
                did: [{id: p, outcome: Y, adoption: pilot_year, controls: [urban]}]
                threshold: [{id: h, outcome: Y, threshold: "log(pgdp)", regime: lx, controls: [gov]}]
                dml: [{id: m, outcome: Y, treatment: D, controls: [density, "sqrt(area)"], learner: ols}]
                """));
        assertEquals(List.of("x", "Y", "pilot_year", "urban", "pgdp", "gov", "D", "density", "area"), c.numericColumns());
        assertTrue(c.firstUse().get("pilot_year").usedBy().contains("did[0] (p) adoption"), c.firstUse().toString());
        assertTrue(c.firstUse().get("area").usedBy().contains("dml[0] (m) controls"));
        UploadProblem bad = assertThrows(UploadProblem.class, () -> SpecColumns.of(SpecReader.read("""
                name: t
                panel: {unit: u, time: t}
                threshold: [{id: h, outcome: Y, threshold: "log(pgdp", regime: x}]
                """)));
        assertTrue(bad.detail().contains("threshold[0] (h) threshold"), bad.detail());
    }
}
