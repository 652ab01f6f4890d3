package io.panelflow.model.result;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Index and balance values keep their optional parts through JSON and leave them out when absent. */
class ValueJsonTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void topsisDistancesRoundTripAndAreLeftOutForOtherMethods() throws Exception {
        IndexValue topsis = new IndexValue("A", "2001", 0.4, 0.3, 0.2);
        assertEquals(topsis, json.readValue(json.writeValueAsString(topsis), IndexValue.class));
        String plain = json.writeValueAsString(new IndexValue("A", "2001", 0.4));
        assertFalse(plain.contains("distanceTo"), plain);
        assertNull(json.readValue(plain, IndexValue.class).distanceToBest());
    }

    @Test
    void cellMeanAndSdRoundTripAndSdIsLeftOutForOneUnit() throws Exception {
        GroupValue cell = new GroupValue("east", "2001", 0.1, 3.0, 0.5);
        assertEquals(cell, json.readValue(json.writeValueAsString(cell), GroupValue.class));
        String single = json.writeValueAsString(new GroupValue("east", "2001", 0.0, 3.0, null));
        assertFalse(single.contains("\"sd\""), single);
        assertEquals(3.0, json.readValue(single, GroupValue.class).mean());
    }
}
