package io.panelflow.estimation.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's CSV reader: signs, fractions and exponents read as Java reads them; anything else refused. */
class BenchmarkCsvTest {

    @Test
    void readsExponentNotationAsDoubleDoes(@TempDir Path dir) throws Exception {
        String[] cells = {"1.346644434e-05", "-2.5E+03", "7e2", "-0.000123", "42", "1.032000e-02", "-9.87654321E-12", "3.0e0"};
        StringBuilder csv = new StringBuilder("x\r\n");
        for (String c : cells) {
            csv.append(c).append("\r\n");
        }
        Path file = dir.resolve("exp.csv");
        Files.writeString(file, csv);
        double[] x = BenchmarkCsv.read(file).get("x");
        for (int i = 0; i < cells.length; i++) {
            double expected = Double.parseDouble(cells[i]);
            assertEquals(expected, x[i], Math.abs(expected) * 1e-15, cells[i]);
        }
    }

    @Test
    void columnsKeepTheirOrder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("two.csv");
        Files.writeString(file, "a,b\n1,2.5e1\n-3,4\n");
        Map<String, double[]> cols = BenchmarkCsv.read(file);
        assertArrayEquals(new double[]{1, -3}, cols.get("a"));
        assertArrayEquals(new double[]{25, 4}, cols.get("b"));
    }

    @Test
    void refusesWhatIsNotANumber(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("na.csv");
        Files.writeString(file, "a,b\n1,2\n3,NA\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchmarkCsv.read(file));
        assertTrue(e.getMessage().contains("row 3, column 'b'"), e.getMessage());
    }
}
