package io.panelflow.model.spec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Schema errors a person can act on: the wrong value quoted, the nearest valid one suggested. */
class SpecReaderMessagesTest {
    private static final String HEAD = """
            name: t
            panel: {unit: province, time: year}
            """;

    @Test
    void aMisspelledMethodIsQuotedWithTheNearestValidOne() {
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + """
                indices: [{name: DT, method: entropy-topsys, indicators: [{column: a}]}]
                """));
        assertEquals("$.indices[0].method", e.path());
        assertTrue(e.getMessage().startsWith("'entropy-topsys' is not a method; did you mean 'entropy-topsis'?"),
                e.getMessage());
        assertTrue(e.getMessage().contains("reverse-fiscal-adjusted"), "lists the valid methods: " + e.getMessage());
    }

    @Test
    void enumerationsInListsAndUnionsToo() {
        SpecException did = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + """
                did: [{id: d, outcome: Y, adoption: a, methods: [twfe, event-studdy]}]
                """));
        assertEquals("$.did[0].methods[1]", did.path());
        assertTrue(did.getMessage().startsWith("'event-studdy' is not a method; did you mean 'event-study'?"),
                did.getMessage());
        SpecException vcov = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + """
                models: [{id: a, formula: "Y ~ DT", vcov: heteroo}]
                """));
        assertEquals("$.models[0].vcov", vcov.path());
        assertTrue(vcov.getMessage().startsWith("'heteroo' is not a vcov; did you mean 'hetero'?"), vcov.getMessage());
        SpecException missing = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + """
                cleaning: {missing: lineer}
                """));
        assertTrue(missing.getMessage().startsWith("'lineer' is not a valid value of missing; did you mean 'linear'?"),
                missing.getMessage());
    }

    @Test
    void aMisspelledFieldIsQuotedWithTheNearestField() {
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + """
                models: [{id: a, formula: "Y ~ DT", stepwsie: true}]
                """));
        assertTrue(e.getMessage().startsWith("'stepwsie' is not a field of models[0]; did you mean 'stepwise'?"),
                e.getMessage());
        SpecException top = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + """
                mechanism: [{mediator: m}]
                """));
        assertTrue(top.getMessage().startsWith("'mechanism' is not a field of the spec; did you mean 'mechanisms'?"),
                top.getMessage());
    }

    @Test
    void noJavaNamesInAnyMessage() {
        for (String bad : new String[]{"models: [{id: a}]", "indices: {x: 1}", "name: [1, 2]\n", ": : :"}) {
            SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + bad));
            assertTrue(!e.getMessage().matches("(?s).*(Exception|java\\.|com\\.fasterxml).*"), e.getMessage());
        }
    }
}
