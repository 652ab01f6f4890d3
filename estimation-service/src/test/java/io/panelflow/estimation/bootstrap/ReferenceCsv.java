package io.panelflow.estimation.bootstrap;

import io.panelflow.testing.SharedReference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helper: a reference CSV (header row, unquoted numeric fields) read at test time, by column. */
public final class ReferenceCsv {
    private final Map<String, double[]> columns;
    private final int rows;

    private ReferenceCsv(Map<String, double[]> columns, int rows) {
        this.columns = columns;
        this.rows = rows;
    }

    public static ReferenceCsv read(String fileName) {
        List<String> lines;
        try {
            lines = Files.readAllLines(SharedReference.reference(fileName), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lines = lines.stream().filter(l -> !l.isBlank()).toList();
        String[] header = lines.get(0).split(",", -1);
        int n = lines.size() - 1;
        Map<String, double[]> cols = new LinkedHashMap<>();
        for (String h : header) {
            cols.put(h, new double[n]);
        }
        for (int r = 0; r < n; r++) {
            String[] cells = lines.get(r + 1).split(",", -1);
            if (cells.length != header.length) {
                throw new IllegalStateException(fileName + " line " + (r + 2) + " has " + cells.length + " fields");
            }
            for (int c = 0; c < header.length; c++) {
                cols.get(header[c])[r] = cells[c].isEmpty() ? Double.NaN : Double.parseDouble(cells[c]);
            }
        }
        return new ReferenceCsv(cols, n);
    }

    public int rows() {
        return rows;
    }

    public double[] column(String name) {
        double[] v = columns.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no column " + name + " (have " + columns.keySet() + ")");
        }
        return v;
    }

    /** Integer codes of a numeric column (the values themselves, e.g. firm ids). */
    public int[] ints(String name) {
        double[] v = column(name);
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
            if (out[i] != v[i]) {
                throw new IllegalStateException(name + " row " + i + " is not an integer: " + v[i]);
            }
        }
        return out;
    }

    /** Dense codes 0..L−1 in order of first appearance. */
    public int[] codes(String name) {
        double[] v = column(name);
        Map<Double, Integer> map = new LinkedHashMap<>();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = map.computeIfAbsent(v[i], key -> map.size());
        }
        return out;
    }
}
