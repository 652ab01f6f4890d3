package io.panelflow.model.spec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecReaderWildBootstrapTest {

    private static final String HEAD = """
            name: t
            panel: {unit: province, time: year}
            """;

    @Test
    void readsTheWildBootstrapOfAModel() {
        StudySpec spec = SpecReader.read(HEAD + """
                models:
                  - {id: baseline, formula: "Y ~ DT | province + year", vcov: {cluster: province},
                     wild-bootstrap: {draws: 999, seed: 7, type: unrestricted}}
                  - {id: defaults, formula: "Y ~ DT | province + year", wild-bootstrap: {}}
                  - {id: none, formula: "Y ~ DT | province + year"}
                """);
        WildBootstrapSpec w = spec.models().get(0).wildBootstrap();
        assertEquals(999, w.draws());
        assertEquals(7L, w.seed());
        assertEquals("unrestricted", w.type());
        assertFalse(w.restricted());
        WildBootstrapSpec d = spec.models().get(1).wildBootstrap();
        assertEquals(WildBootstrapSpec.DEFAULT_DRAWS, d.draws());
        assertEquals(WildBootstrapSpec.DEFAULT_SEED, d.seed());
        assertEquals("restricted", d.type());
        assertTrue(d.restricted());
        assertNull(spec.models().get(2).wildBootstrap());
    }

    @Test
    void unknownTypeNamesItsPath() {
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + """
                models:
                  - {id: a, formula: "Y ~ DT"}
                  - {id: b, formula: "Y ~ DT", wild-bootstrap: {draws: 99, type: webb}}
                """));
        assertEquals("$.models[1].wild-bootstrap.type", e.path());
    }

    @Test
    void nonPositiveDrawsAndUnknownKeysAreRejected() {
        SpecException zero = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + """
                models: [{id: a, formula: "Y ~ DT", wild-bootstrap: {draws: 0}}]
                """));
        assertEquals("$.models[0].wild-bootstrap.draws", zero.path());
        SpecException unknown = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + """
                models: [{id: a, formula: "Y ~ DT", wild-bootstrap: {draws: 99, weights: mammen}}]
                """));
        assertEquals("$.models[0].wild-bootstrap", unknown.path());
    }
}
