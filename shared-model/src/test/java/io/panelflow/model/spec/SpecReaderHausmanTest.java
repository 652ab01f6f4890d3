package io.panelflow.model.spec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecReaderHausmanTest {

    private static final String HEAD = """
            name: t
            panel: {unit: province, time: year}
            """;

    @Test
    void readsTheHausmanFlagOfAModel() {
        StudySpec spec = SpecReader.read(HEAD + """
                models:
                  - {id: fe, formula: "Y ~ DT + urban | province", vcov: iid, hausman: true}
                  - {id: plain, formula: "Y ~ DT | province + year"}
                """);
        assertTrue(spec.models().get(0).hausman());
        assertFalse(spec.models().get(1).hausman());
    }

    @Test
    void aNonBooleanHausmanNamesItsPath() {
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + """
                models: [{id: fe, formula: "Y ~ DT | province", hausman: sometimes}]
                """));
        assertEquals("$.models[0].hausman", e.path());
    }
}
