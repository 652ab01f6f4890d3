package io.panelflow.report.table;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class IvDiagnosticsTest {

    @Test
    void perEndogenousStatisticsPrintTheFirstRegressors() {
        Map<String, Object> dt = Map.of("stat", 314.6, "df1", 1, "df2", 265, "p", 6e-47);
        Map<String, Object> other = Map.of("stat", 2.0, "p", 0.2);
        Map<String, Object> byEndogenous = new LinkedHashMap<>();
        byEndogenous.put("DT", dt);
        byEndogenous.put("Z", other);
        assertSame(dt, IvDiagnostics.firstEndogenous(byEndogenous));
        Cell cell = DiagnosticValue.cell(IvDiagnostics.firstEndogenous(byEndogenous), new NumberFormatter(3, ""));
        assertEquals("314.600 [<0.001]", cell.text());
    }

    @Test
    void aPlainStatisticPassesThrough() {
        Map<String, Object> plain = Map.of("stat", 12.5, "p", 0.001);
        assertSame(plain, IvDiagnostics.firstEndogenous(plain));
        assertEquals(3.5, IvDiagnostics.firstEndogenous(3.5));
    }
}
