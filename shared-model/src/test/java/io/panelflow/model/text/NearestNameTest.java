package io.panelflow.model.text;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NearestNameTest {
    @Test
    void suggestsTheClosePlausibleName() {
        assertEquals(Optional.of("entropy-topsis"), NearestName.of("entropy-topsys",
                List.of("entropy", "entropy-topsis", "pca", "equal", "critic")));
        assertEquals(Optional.of("gdp"), NearestName.of("gdpp", List.of("province", "year", "gdp", "pop")));
        assertEquals(Optional.of("gdp"), NearestName.of("GDP", List.of("gdp", "pop")));
        assertEquals(Optional.of("province"), NearestName.of("provnce", List.of("year", "province")));
    }

    @Test
    void suggestsNothingWhenNothingIsClose() {
        assertEquals(Optional.empty(), NearestName.of("x", List.of("y", "z")));
        assertEquals(Optional.empty(), NearestName.of("bartik", List.of("province", "year", "gdp")));
        assertEquals(Optional.empty(), NearestName.of("gdp", List.of("gdp")));
        assertEquals("", NearestName.suggestion("zzz", List.of("gdp")));
        assertEquals("; did you mean 'gdp'?", NearestName.suggestion("gdpp", List.of("gdp")));
    }
}
