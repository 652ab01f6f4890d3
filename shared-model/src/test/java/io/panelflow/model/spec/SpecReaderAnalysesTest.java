package io.panelflow.model.spec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecReaderAnalysesTest {

    private static final String HEAD = """
            name: t
            panel: {unit: province, time: year}
            """;

    @Test
    void readsDidThresholdAndDmlSections() {
        StudySpec spec = SpecReader.read(HEAD + """
                did:
                  - {id: broadband, outcome: Y, adoption: pilot_year, controls: [urban, gov], methods: [twfe, event-study, sun-abraham, callaway-santanna]}
                  - {id: plain, outcome: Y, adoption: pilot_year, vcov: {cluster: province}}
                threshold:
                  - {id: development, outcome: Y, threshold: "log(pgdp)", regime: DT, controls: [urban, gov], trim: 0.1, bootstrap: 50, seed: 7}
                  - {id: defaults, outcome: Y, threshold: pgdp, regime: DT}
                dml:
                  - {id: dml, outcome: Y, treatment: DT, controls: [urban, gov, density], learner: lasso, lambda: 0.05, folds: 4, seed: 3}
                  - {id: ols, outcome: Y, treatment: DT, controls: [urban], learner: ols, by: row}
                """);
        assertEquals(2, spec.did().size());
        DidSpec d = spec.did().get(0);
        assertEquals("broadband", d.id());
        assertEquals("pilot_year", d.adoption());
        assertEquals(List.of("urban", "gov"), d.controls());
        assertEquals(DidSpec.METHODS, d.methods());
        assertEquals(DidSpec.METHODS, spec.did().get(1).methods(), "all methods by default");
        assertEquals(List.of("province"), spec.did().get(1).vcov().cluster());

        ThresholdSpec t = spec.threshold().get(0);
        assertEquals("log(pgdp)", t.threshold());
        assertEquals("DT", t.regime());
        assertEquals(0.1, t.trim());
        assertEquals(50, t.bootstrap());
        assertEquals(7L, t.seed());
        ThresholdSpec td = spec.threshold().get(1);
        assertEquals(0.05, td.trim());
        assertEquals(300, td.bootstrap());
        assertEquals(0.95, td.level());
        assertTrue(td.controls().isEmpty());

        DmlSpec m = spec.dml().get(0);
        assertEquals("lasso", m.learner());
        assertEquals(0.05, m.lambda());
        assertEquals(4, m.folds());
        assertEquals(3L, m.seed());
        assertEquals("unit", m.by());
        DmlSpec o = spec.dml().get(1);
        assertEquals("ols", o.learner());
        assertNull(o.lambda());
        assertEquals(5, o.folds());
        assertEquals("row", o.by());
    }

    @Test
    void sectionsAreOptional() {
        StudySpec spec = SpecReader.read(HEAD);
        assertTrue(spec.did().isEmpty());
        assertTrue(spec.threshold().isEmpty());
        assertTrue(spec.dml().isEmpty());
    }

    @Test
    void unknownDidMethodNamesItsPath() {
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + """
                did: [{id: a, outcome: Y, adoption: p, methods: [twfe, synthetic-control]}]
                """));
        assertEquals("$.did[0].methods[1]", e.path());
    }

    @Test
    void didControlGroupAndPlacebo() {
        StudySpec spec = SpecReader.read(HEAD + """
                did:
                  - {id: a, outcome: Y, adoption: p, controls: [x], control-group: not-yet-treated,
                     placebo: {permutations: 500, seed: 42}}
                  - {id: b, outcome: Y, adoption: p, placebo: {permutations: 10}}
                """);
        DidSpec a = spec.did().get(0);
        assertEquals("not-yet-treated", a.controlGroup());
        assertEquals(new PlaceboSpec(500, 42), a.placebo());
        DidSpec b = spec.did().get(1);
        assertEquals("never-treated", b.controlGroup(), "never-treated by default");
        assertEquals(new PlaceboSpec(10, PlaceboSpec.DEFAULT_SEED), b.placebo());
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + """
                did: [{id: a, outcome: Y, adoption: p, control-group: not-yet-treatd}]
                """));
        assertEquals("$.did[0].control-group", e.path());
        assertTrue(e.getMessage().contains("did you mean 'not-yet-treated'"), e.getMessage());
        SpecLimitException limit = assertThrows(SpecLimitException.class, () -> SpecReader.read(HEAD + """
                did: [{id: a, outcome: Y, adoption: p, placebo: {permutations: 2000000000}}]
                """));
        assertEquals("did[0].placebo.permutations is 2000000000; the limit is 10000"
                + " (panelflow.limits.placebo-permutations)", limit.getMessage());
        assertEquals("$.did[0].placebo.permutations", limit.path());
        SpecException none = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + """
                did: [{id: a, outcome: Y, adoption: p, placebo: {permutations: 0}}]
                """));
        assertEquals("$.did[0].placebo.permutations", none.path());
    }

    @Test
    void missingAdoptionNamesTheEntry() {
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + """
                did: [{id: a, outcome: Y}]
                """));
        assertEquals("$.did[0]", e.path());
        assertTrue(e.getMessage().contains("adoption"), e.getMessage());
    }

    @Test
    void trimMustBeBelowOneHalf() {
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + """
                threshold: [{id: a, outcome: Y, threshold: q, regime: x, trim: 0.5}]
                """));
        assertEquals("$.threshold[0].trim", e.path());
    }

    @Test
    void lassoNeedsLambda() {
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + """
                dml: [{id: a, outcome: Y, treatment: DT, controls: [x]}]
                """));
        assertEquals("$.dml[0].lambda", e.path());
    }

    @Test
    void dmlNeedsTwoFolds() {
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + """
                dml: [{id: a, outcome: Y, treatment: DT, controls: [x], learner: ols, folds: 1}]
                """));
        assertEquals("$.dml[0].folds", e.path());
    }

    @Test
    void duplicateIdsAndMethodsAreNamed() {
        SpecException dup = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + """
                threshold:
                  - {id: a, outcome: Y, threshold: q, regime: x}
                  - {id: a, outcome: Y, threshold: q, regime: z}
                """));
        assertEquals("$.threshold[1]", dup.path());
        SpecException twice = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + """
                did: [{id: a, outcome: Y, adoption: p, methods: [twfe, twfe]}]
                """));
        assertEquals("$.did[0].methods", twice.path());
    }
}
