package io.panelflow.estimation.engine;

import io.panelflow.testing.SharedReference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/** A reference CSV of ../shared/reference read at test time (simple comma-separated, unquoted values, empty = missing). */
final class ReferenceTable {
    private final Map<String, String[]> columns;
    private final int rows;

    private ReferenceTable(Map<String, String[]> columns, int rows) {
        this.columns = columns;
        this.rows = rows;
    }

    static ReferenceTable read(String fileName) {
        try {
            List<String> lines = Files.readAllLines(SharedReference.reference(fileName), StandardCharsets.UTF_8);
            String[] header = lines.get(0).split(",", -1);
            int n = lines.size() - 1;
            Map<String, String[]> cols = new LinkedHashMap<>();
            for (String h : header) {
                cols.put(h, new String[n]);
            }
            for (int r = 0; r < n; r++) {
                String[] cells = lines.get(r + 1).split(",", -1);
                for (int c = 0; c < header.length; c++) {
                    cols.get(header[c])[r] = cells[c];
                }
            }
            return new ReferenceTable(cols, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int rows() {
        return rows;
    }

    String[] text(String name) {
        String[] v = columns.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no column " + name);
        }
        return v;
    }

    double[] num(String name) {
        String[] t = text(name);
        double[] out = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = t[i].isEmpty() ? Double.NaN : Double.parseDouble(t[i]);
        }
        return out;
    }

    double[] log(String name) {
        double[] v = num(name);
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.log(v[i]);
        }
        return v;
    }

    /** Factor codes 0..L−1 by first appearance. */
    int[] codes(String name) {
        return codes(text(name));
    }

    static int[] codes(String[] keys) {
        Map<String, Integer> ids = new HashMap<>();
        int[] out = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            out[i] = ids.computeIfAbsent(keys[i], k -> ids.size());
        }
        return out;
    }

    ReferenceTable filter(IntPredicate keep) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            if (keep.test(i)) {
                idx.add(i);
            }
        }
        Map<String, String[]> cols = new LinkedHashMap<>();
        for (var e : columns.entrySet()) {
            String[] v = new String[idx.size()];
            for (int p = 0; p < v.length; p++) {
                v[p] = e.getValue()[idx.get(p)];
            }
            cols.put(e.getKey(), v);
        }
        return new ReferenceTable(cols, idx.size());
    }
}
