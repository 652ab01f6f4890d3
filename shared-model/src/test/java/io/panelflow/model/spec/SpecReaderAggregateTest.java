package io.panelflow.model.spec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecReaderAggregateTest {

    private static final String HEAD = """
            name: t
            panel: {unit: city, time: year, group: province}
            estimation:
              level: group
              aggregate:
            """;

    @Test
    void readsTheMissingRuleOfAnAggregate() {
        StudySpec spec = SpecReader.read(HEAD + """
                    - {name: tech, column: tech, function: weighted-mean, weight: population, missing: propagate}
                    - {name: gdp, column: gdp, function: sum}
                """);
        AggregateSpec first = spec.estimation().aggregate().get(0);
        assertEquals("propagate", first.missing());
        assertTrue(first.propagatesMissing());
        AggregateSpec second = spec.estimation().aggregate().get(1);
        assertEquals(AggregateSpec.SKIP, second.missing());
        assertFalse(second.propagatesMissing());
    }

    @Test
    void anUnknownRuleNamesItsPath() {
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + """
                    - {name: tech, column: tech, missing: drop}
                """));
        assertEquals("$.estimation.aggregate[0].missing", e.path());
    }
}
