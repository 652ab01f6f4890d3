package io.panelflow.estimation.formula;

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

/**
 * Test helper: reads a reference CSV (header row, empty field = missing, fields quoted only when they hold
 * a comma or quote) into a {@link PanelFrame}. A column is numeric when every non-empty field parses as a
 * number, text otherwise.
 */
public final class ReferencePanels {
    private ReferencePanels() {
    }

    public static PanelFrame read(String fileName, String unit, String time) {
        return read(SharedReference.reference(fileName), unit, time);
    }

    public static PanelFrame read(Path file, String unit, String time) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> header = fields(lines.get(0));
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isEmpty()) {
                rows.add(fields(line));
            }
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
            String[] texts = new String[rows.size()];
            boolean numeric = true;
            for (int r = 0; r < rows.size(); r++) {
                String v = c < rows.get(r).size() ? rows.get(r).get(c) : "";
                texts[r] = v.isEmpty() ? null : v;
                if (texts[r] != null) {
                    try {
                        Double.parseDouble(texts[r]);
                    } catch (NumberFormatException e) {
                        numeric = false;
                    }
                }
            }
            if (numeric) {
                double[] values = new double[texts.length];
                for (int r = 0; r < texts.length; r++) {
                    values[r] = texts[r] == null ? Double.NaN : Double.parseDouble(texts[r]);
                }
                columns.put(header.get(c), new Column.Numeric(values));
            } else {
                columns.put(header.get(c), new Column.Text(texts));
            }
        }
        return new PanelFrame(unit, time, null, columns);
    }

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    b.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    b.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(b.toString());
                b.setLength(0);
            } else {
                b.append(ch);
            }
        }
        out.add(b.toString());
        return out;
    }
}
