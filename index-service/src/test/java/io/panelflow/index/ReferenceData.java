package io.panelflow.index;

import io.panelflow.frame.Column;
import io.panelflow.frame.PanelFrame;
import io.panelflow.testing.SharedReference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Reads the CSV files of ../shared/reference (at test time, never copied) and compares numbers. */
final class ReferenceData {

    private ReferenceData() {
    }

    /** A table of text cells: header plus rows (no quoted fields occur in the cases used here). */
    record Table(List<String> header, List<String[]> rows) {
        int col(String name) {
            int i = header.indexOf(name);
            assertTrue(i >= 0, "column " + name + " in " + header);
            return i;
        }

        String text(int row, String name) {
            return rows.get(row)[col(name)];
        }

        double number(int row, String name) {
            String s = text(row, name);
            return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
        }

        int size() {
            return rows.size();
        }
    }

    static Table table(String fileName) {
        Path path = SharedReference.reference(fileName);
        try {
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            List<String> header = List.of(lines.get(0).split(",", -1));
            List<String[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isEmpty()) {
                    rows.add(line.split(",", -1));
                }
            }
            return new Table(header, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A reference CSV as a panel: a column is numeric when every non-empty cell parses. */
    static PanelFrame panel(String fileName, String unit, String time, String group) {
        Table t = table(fileName);
        Map<String, Column> cols = new LinkedHashMap<>();
        for (int c = 0; c < t.header().size(); c++) {
            String name = t.header().get(c);
            boolean numeric = true;
            double[] v = new double[t.size()];
            String[] s = new String[t.size()];
            for (int r = 0; r < t.size(); r++) {
                s[r] = t.rows().get(r)[c];
                if (s[r].isEmpty()) {
                    v[r] = Double.NaN;
                    s[r] = null;
                    continue;
                }
                try {
                    v[r] = Double.parseDouble(s[r]);
                } catch (NumberFormatException e) {
                    numeric = false;
                }
            }
            boolean keyText = name.equals(unit) || name.equals(group);
            cols.put(name, numeric && !keyText ? new Column.Numeric(v) : new Column.Text(s));
        }
        return new PanelFrame(unit, time, group, cols);
    }

    /** Plain column names and {@code "a / b"}, as the service's expression language would do. */
    static MeasureEvaluator measures() {
        return (frame, expression) -> {
            String[] parts = expression.split("/");
            if (parts.length == 1) {
                return frame.numeric(expression.trim());
            }
            double[] a = frame.numeric(parts[0].trim());
            double[] b = frame.numeric(parts[1].trim());
            double[] out = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i] / b[i];
            }
            return out;
        };
    }

    /** |actual − expected| ≤ rel·|expected| (and |actual| ≤ 1e-15 when expected is exactly 0). */
    static void assertClose(double expected, double actual, double rel, String what) {
        double tol = expected == 0 ? 1e-15 : rel * Math.abs(expected);
        if (!(Math.abs(actual - expected) <= tol)) {
            fail(what + ": expected " + expected + ", got " + actual + " (relative difference "
                    + Math.abs(actual - expected) / Math.abs(expected) + ", tolerance " + rel + ")");
        }
    }
}
