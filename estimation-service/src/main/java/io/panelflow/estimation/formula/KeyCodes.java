package io.panelflow.estimation.formula;

import io.panelflow.frame.Column;
import io.panelflow.frame.PanelFrame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of a fixed effect or cluster ({@code a}, or {@code a^b} combining several columns) as integer codes per
 * row, -1 where a key is missing; a level's text ({@code "12^2003"}, numbers without a trailing ".0") is made only
 * per level, never per row, so a 10-million-row panel is coded without 10 million strings.
 */
final class KeyCodes {
    /** Beyond this many combined levels, combined keys are looked up in a hash map instead of an array. */
    private static final long MAX_TABLE = 1L << 26;

    private final int[] codes;
    private final List<String> names;

    private KeyCodes(int[] codes, List<String> names) {
        this.codes = codes;
        this.names = names;
    }

    /** The code of row {@code i}, -1 when missing. */
    int code(int i) {
        return codes[i];
    }

    int rows() {
        return codes.length;
    }

    int levels() {
        return names.size();
    }

    String name(int code) {
        return names.get(code);
    }

    static KeyCodes of(PanelFrame panel, List<String> columns) {
        KeyCodes out = null;
        for (String c : columns) {
            KeyCodes k = column(panel.column(c));
            out = out == null ? k : combine(out, k);
        }
        return out;
    }

    private static KeyCodes column(Column column) {
        if (column instanceof Column.Text t) {
            String[] v = t.values();
            int[] codes = new int[v.length];
            Map<String, Integer> ids = new HashMap<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < v.length; i++) {
                if (v[i] == null) {
                    codes[i] = -1;
                    continue;
                }
                Integer id = ids.get(v[i]);
                if (id == null) {
                    id = names.size();
                    ids.put(v[i], id);
                    names.add(v[i]);
                }
                codes[i] = id;
            }
            return new KeyCodes(codes, names);
        }
        double[] v = ((Column.Numeric) column).values();
        int[] codes = new int[v.length];
        List<String> names = new ArrayList<>();
        boolean smallWhole = true;
        int max = 0;
        for (double d : v) {
            if (!Double.isNaN(d) && (d < 0 || d >= 50_000_000 || d != Math.rint(d))) {
                smallWhole = false;
                break;
            }
            if (!Double.isNaN(d)) {
                max = Math.max(max, (int) d);
            }
        }
        if (smallWhole) {
            int[] map = new int[max + 1];
            Arrays.fill(map, -1);
            for (int i = 0; i < v.length; i++) {
                if (Double.isNaN(v[i])) {
                    codes[i] = -1;
                    continue;
                }
                int key = (int) v[i];
                if (map[key] < 0) {
                    map[key] = names.size();
                    names.add(PanelFrame.formatKey(v[i]));
                }
                codes[i] = map[key];
            }
            return new KeyCodes(codes, names);
        }
        Map<Double, Integer> ids = new HashMap<>();
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                codes[i] = -1;
                continue;
            }
            double key = v[i] == 0 ? 0.0 : v[i];
            Integer id = ids.get(key);
            if (id == null) {
                id = names.size();
                ids.put(key, id);
                names.add(PanelFrame.formatKey(key));
            }
            codes[i] = id;
        }
        return new KeyCodes(codes, names);
    }

    private static KeyCodes combine(KeyCodes a, KeyCodes b) {
        int n = a.rows();
        int[] codes = new int[n];
        List<String> names = new ArrayList<>();
        long width = b.levels();
        long cells = a.levels() * width;
        if (cells <= MAX_TABLE) {
            int[] table = new int[(int) Math.max(cells, 1)];
            Arrays.fill(table, -1);
            for (int i = 0; i < n; i++) {
                int ca = a.codes[i];
                int cb = b.codes[i];
                if (ca < 0 || cb < 0) {
                    codes[i] = -1;
                    continue;
                }
                int key = (int) (ca * width + cb);
                if (table[key] < 0) {
                    table[key] = names.size();
                    names.add(a.name(ca) + "^" + b.name(cb));
                }
                codes[i] = table[key];
            }
            return new KeyCodes(codes, names);
        }
        Map<Long, Integer> ids = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int ca = a.codes[i];
            int cb = b.codes[i];
            if (ca < 0 || cb < 0) {
                codes[i] = -1;
                continue;
            }
            long key = ca * width + cb;
            Integer id = ids.get(key);
            if (id == null) {
                id = names.size();
                ids.put(key, id);
                names.add(a.name(ca) + "^" + b.name(cb));
            }
            codes[i] = id;
        }
        return new KeyCodes(codes, names);
    }

    /** The codes of {@code rows}, renumbered densely in order of first appearance; their names added to {@code levels}. */
    int[] denseCodes(int[] rows, List<String> levels) {
        if (rows.length == codes.length) {
            // every row: the codes are already dense in order of first appearance
            levels.addAll(names);
            return codes;
        }
        int[] map = new int[names.size()];
        Arrays.fill(map, -1);
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            int c = codes[rows[i]];
            if (map[c] < 0) {
                map[c] = levels.size();
                levels.add(names.get(c));
            }
            out[i] = map[c];
        }
        return out;
    }
}
