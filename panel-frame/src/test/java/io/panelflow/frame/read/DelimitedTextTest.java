package io.panelflow.frame.read;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DelimitedTextTest {
    private static List<List<String>> records(String text, char separator) throws IOException {
        List<List<String>> out = new ArrayList<>();
        new DelimitedText(separator, 100, 100).read(new StringReader(text), (row, f) -> {
            List<String> r = new ArrayList<>();
            r.add(Integer.toString(row));
            for (int i = 0; i < f.count(); i++) {
                r.add(f.text(i));
            }
            out.add(r);
        });
        return out;
    }

    @Test
    void quotesLineEndsAndRowNumbers() throws IOException {
        List<List<String>> r = records("a,b\r\n\"x, \"\"y\"\"\",2\n\"multi\nline\",3\r4,5", ',');
        assertEquals(List.of("1", "a", "b"), r.get(0));
        assertEquals(List.of("2", "x, \"y\"", "2"), r.get(1));
        assertEquals(List.of("3", "multi\nline", "3"), r.get(2));
        assertEquals(List.of("4", "4", "5"), r.get(3));
    }

    @Test
    void limitsAndUnclosedQuotes() {
        TextFormatException open = assertThrows(TextFormatException.class, () -> records("a\n\"never closed\n1", ','));
        assertEquals(TextFormatException.Kind.UNCLOSED_QUOTE, open.kind());
        assertEquals(2, open.row());
        TextFormatException wide = assertThrows(TextFormatException.class, () -> records("a" + ",a".repeat(200), ','));
        assertEquals(TextFormatException.Kind.TOO_MANY_FIELDS, wide.kind());
        TextFormatException cell = assertThrows(TextFormatException.class, () -> records("a\n" + "x".repeat(101), ','));
        assertEquals(TextFormatException.Kind.CELL_TOO_LONG, cell.kind());
        assertEquals(2, cell.row());
    }

    @Test
    void csvTableTypesColumnsAndMissingValues() throws IOException {
        Path file = Files.createTempFile("table", ".csv");
        try {
            Files.writeString(file, "unit,year,y,name\n1,2000,1.346644434e-05,a\n\n1,2001,NA,b\n2,2000, 2.5E+03 ,.\n");
            CsvTable t = CsvTable.read(file, java.util.Set.of("unit"));
            assertEquals(3, t.rows());
            assertArrayEquals(new String[]{"1", "1", "2"}, t.column("unit").texts());
            double[] y = t.column("y").numbers();
            assertEquals(1.346644434e-05, y[0]);
            assertTrue(Double.isNaN(y[1]));
            assertEquals(2500, y[2]);
            assertNull(t.column("name").texts()[2]);
            assertEquals(3, t.toFrame("unit", "year").rows());
        } finally {
            Files.delete(file);
        }
    }
}
