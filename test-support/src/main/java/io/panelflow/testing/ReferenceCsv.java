package io.panelflow.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV of {@code shared/reference}, read at test time (header row, comma-separated, no quoted
 * commas — the format the reference README describes). Numbers are parsed with
 * {@link Double#parseDouble}, which is correctly rounded; an empty field is NaN.
 */
public final class ReferenceCsv {
    private final String fileName;
    private final String[] header;
    private final String[][] cells;

    private ReferenceCsv(String fileName, String[] header, String[][] cells) {
        this.fileName = fileName;
        this.header = header;
        this.cells = cells;
    }

    /** Reads {@code shared/reference/<fileName>}; skips the calling test (visibly) when it is absent. */
    public static ReferenceCsv read(String fileName) {
        try {
            List<String> lines = Files.readAllLines(SharedReference.reference(fileName), StandardCharsets.UTF_8);
            String[] header = lines.get(0).split(",", -1);
            List<String> body = lines.subList(1, lines.size()).stream().filter(l -> !l.isEmpty()).toList();
            String[][] cells = new String[body.size()][];
            for (int r = 0; r < cells.length; r++) {
                cells[r] = body.get(r).split(",", -1);
                if (cells[r].length != header.length) {
                    throw new IllegalStateException(fileName + " data row " + (r + 1) + " has " + cells[r].length
                            + " fields, the header " + header.length);
                }
            }
            return new ReferenceCsv(fileName, header, cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int rows() {
        return cells.length;
    }

    public List<String> header() {
        return List.of(header);
    }

    public String[] text(String name) {
        int c = column(name);
        String[] out = new String[cells.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = cells[r][c];
        }
        return out;
    }

    /** The column as numbers; an empty field is NaN. */
    public double[] numbers(String name) {
        int c = column(name);
        double[] out = new double[cells.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = cells[r][c].isEmpty() ? Double.NaN : Double.parseDouble(cells[r][c]);
        }
        return out;
    }

    /** The column as whole numbers; fails on a field that is not one. */
    public int[] integers(String name) {
        double[] v = numbers(name);
        int[] out = new int[v.length];
        for (int r = 0; r < v.length; r++) {
            out[r] = (int) v[r];
            if (out[r] != v[r]) {
                throw new IllegalStateException(fileName + " column " + name + " row " + (r + 1) + " is not a whole number: " + v[r]);
            }
        }
        return out;
    }

    /** Dense codes 0 .. L−1 of the column's values, in order of first appearance. */
    public int[] codes(String name) {
        String[] v = text(name);
        Map<String, Integer> seen = new LinkedHashMap<>();
        int[] out = new int[v.length];
        for (int r = 0; r < v.length; r++) {
            out[r] = seen.computeIfAbsent(v[r], key -> seen.size());
        }
        return out;
    }

    private int column(String name) {
        for (int c = 0; c < header.length; c++) {
            if (header[c].equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(fileName + " has no column '" + name + "'");
    }
}
