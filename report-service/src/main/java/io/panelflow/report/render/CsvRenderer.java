package io.panelflow.report.render;

import io.panelflow.report.table.Cell;
import io.panelflow.report.table.Row;
import io.panelflow.report.table.Table;
import io.panelflow.report.table.TableSection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tables as CSV (RFC 4180, CRLF line ends): one sectioned file with every table, or one file per
 * table. A cell a spreadsheet could run as a formula (starting with = + - @, a tab or a carriage
 * return) is prefixed with a single quote, as OWASP advises; plain numbers such as {@code -0.319}
 * are left as they are.
 */
public final class CsvRenderer {

    /** Printed text (with stars and parentheses) or the unrounded number where a cell has one. */
    public enum Mode {
        DISPLAY, VALUES
    }

    private static final Pattern PLAIN_NUMBER = Pattern.compile("^-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?$");
    private final Mode mode;

    public CsvRenderer(Mode mode) {
        this.mode = mode == null ? Mode.DISPLAY : mode;
    }

    /** Every table, one after another: a title line, header rows, body rows, notes, a blank line. */
    public String render(List<Table> tables) {
        StringBuilder out = new StringBuilder();
        for (Table t : tables) {
            out.append(table(t)).append("\r\n");
        }
        return out.toString();
    }

    /** One file per table, keyed {@code <table id>.csv}, in order. */
    public Map<String, String> renderEach(List<Table> tables) {
        Map<String, String> files = new LinkedHashMap<>();
        for (Table t : tables) {
            files.put(t.id() + ".csv", table(t));
        }
        return files;
    }

    public String table(Table table) {
        int columns = table.columnCount();
        StringBuilder out = new StringBuilder();
        out.append(line(List.of(table.title()), columns));
        for (List<Cell> header : table.headers()) {
            out.append(line(expand(header, false), columns));
        }
        for (TableSection section : table.sections()) {
            if (section.hasTitle()) {
                out.append(line(List.of(section.title()), columns));
            }
            for (Row row : section.rows()) {
                out.append(line(expand(row.cells(), true), columns));
            }
        }
        for (String note : table.notes()) {
            out.append(line(List.of("Note: " + note), columns));
        }
        return out.toString();
    }

    private List<String> expand(List<Cell> cells, boolean body) {
        List<String> out = new ArrayList<>();
        for (Cell c : cells) {
            out.add(body && mode == Mode.VALUES && c.value() != null ? plain(c.value()) : c.text());
            for (int i = 1; i < c.span(); i++) {
                out.add("");
            }
        }
        return out;
    }

    private static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static String line(List<String> cells, int columns) {
        List<String> padded = new ArrayList<>(cells);
        while (padded.size() < columns) {
            padded.add("");
        }
        return String.join(",", padded.stream().map(CsvRenderer::field).toList()) + "\r\n";
    }

    /** Neutralises formula triggers, then quotes the field when it holds a comma, quote or line break. */
    public static String field(String text) {
        String s = text == null ? "" : text;
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !PLAIN_NUMBER.matcher(s).matches()) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            s = "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
