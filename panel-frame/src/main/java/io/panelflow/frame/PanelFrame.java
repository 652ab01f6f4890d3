package io.panelflow.frame;

import io.panelflow.model.panel.PanelColumn;
import io.panelflow.model.panel.PanelTable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable panel in memory: named numeric columns (NaN = missing) and text columns (null =
 * missing), with the names of its unit, time and (for lower-level units) group columns. Adding or
 * selecting returns a new frame that shares the untouched column arrays; callers must not mutate
 * the arrays they get.
 */
public final class PanelFrame {
    private final String unit;
    private final String time;
    private final String group;
    private final Map<String, Column> columns;
    private final int rows;

    public PanelFrame(String unit, String time, String group, Map<String, Column> columns) {
        this.unit = unit;
        this.time = time;
        this.group = group;
        this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        int n = -1;
        for (var e : this.columns.entrySet()) {
            if (n >= 0 && e.getValue().length() != n) {
                throw new IllegalArgumentException("column " + e.getKey() + " has " + e.getValue().length()
                        + " rows, the others " + n);
            }
            n = e.getValue().length();
        }
        this.rows = Math.max(n, 0);
    }

    public String unitColumn() {
        return unit;
    }

    public String timeColumn() {
        return time;
    }

    /** The higher-level unit column of lower-level data (province of a city), or null. */
    public String groupColumn() {
        return group;
    }

    public int rows() {
        return rows;
    }

    public Set<String> columnNames() {
        return columns.keySet();
    }

    public boolean has(String name) {
        return columns.containsKey(name);
    }

    public boolean isNumeric(String name) {
        return columns.get(name) instanceof Column.Numeric;
    }

    public Column column(String name) {
        Column c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no column '" + name + "'");
        }
        return c;
    }

    public double[] numeric(String name) {
        if (column(name) instanceof Column.Numeric n) {
            return n.values();
        }
        throw new IllegalArgumentException("column '" + name + "' is not numeric");
    }

    public String[] text(String name) {
        if (column(name) instanceof Column.Text t) {
            return t.values();
        }
        throw new IllegalArgumentException("column '" + name + "' is not text");
    }

    /** A column's values as text keys (numbers without a trailing ".0"), for grouping and output. */
    public String[] keys(String name) {
        Column c = column(name);
        if (c instanceof Column.Text t) {
            return t.values();
        }
        double[] v = ((Column.Numeric) c).values();
        String[] out = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = formatKey(v[i]);
        }
        return out;
    }

    public String[] unitKeys() {
        return keys(unit);
    }

    public String[] timeKeys() {
        return keys(time);
    }

    /** The time column as whole numbers; the ingest validation guarantees they are. */
    public int[] times() {
        double[] v = numeric(time);
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }

    public PanelFrame with(String name, Column column) {
        if (column.length() != rows && !columns.isEmpty()) {
            throw new IllegalArgumentException("column " + name + " has " + column.length() + " rows, the frame " + rows);
        }
        Map<String, Column> copy = new LinkedHashMap<>(columns);
        copy.put(name, column);
        return new PanelFrame(unit, time, group, copy);
    }

    public PanelFrame withNumeric(String name, double[] values) {
        return with(name, new Column.Numeric(values));
    }

    public PanelFrame withText(String name, String[] values) {
        return with(name, new Column.Text(values));
    }

    /** The rows whose {@code keep} flag is set, in order. */
    public PanelFrame filter(boolean[] keep) {
        int n = 0;
        for (boolean k : keep) {
            if (k) {
                n++;
            }
        }
        int[] idx = new int[n];
        for (int i = 0, j = 0; i < keep.length; i++) {
            if (keep[i]) {
                idx[j++] = i;
            }
        }
        return select(idx);
    }

    /** The given rows, in the given order. */
    public PanelFrame select(int[] rowIndex) {
        Map<String, Column> out = new LinkedHashMap<>();
        for (var e : columns.entrySet()) {
            if (e.getValue() instanceof Column.Numeric num) {
                double[] v = new double[rowIndex.length];
                for (int i = 0; i < rowIndex.length; i++) {
                    v[i] = num.values()[rowIndex[i]];
                }
                out.put(e.getKey(), new Column.Numeric(v));
            } else {
                String[] src = ((Column.Text) e.getValue()).values();
                String[] v = new String[rowIndex.length];
                for (int i = 0; i < rowIndex.length; i++) {
                    v[i] = src[rowIndex[i]];
                }
                out.put(e.getKey(), new Column.Text(v));
            }
        }
        return new PanelFrame(unit, time, group, out);
    }

    public PanelTable toTable() {
        List<PanelColumn> out = new ArrayList<>();
        for (var e : columns.entrySet()) {
            if (e.getValue() instanceof Column.Numeric num) {
                out.add(PanelColumn.numeric(e.getKey(), toTableColumn(num.values())));
            } else {
                out.add(PanelColumn.text(e.getKey(), ((Column.Text) e.getValue()).values().clone()));
            }
        }
        return new PanelTable(unit, time, group, out);
    }

    /**
     * The frame as a table without copying: a numeric column's array is shared unless it holds an infinity
     * (then copied with NaN in its place), a text column's always. For a frame that is not used after (the
     * ingest's cleaned panel, the index stage's output), so a panel of millions of rows is not held twice.
     */
    public PanelTable asTable() {
        List<PanelColumn> out = new ArrayList<>();
        for (var e : columns.entrySet()) {
            if (e.getValue() instanceof Column.Numeric num) {
                double[] values = num.values();
                boolean finiteOrMissing = true;
                for (double v : values) {
                    if (Double.isInfinite(v)) {
                        finiteOrMissing = false;
                        break;
                    }
                }
                out.add(PanelColumn.numeric(e.getKey(), finiteOrMissing ? values : toTableColumn(values)));
            } else {
                out.add(PanelColumn.text(e.getKey(), ((Column.Text) e.getValue()).values()));
            }
        }
        return new PanelTable(unit, time, group, out);
    }

    private static double[] toTableColumn(double[] src) {
        double[] copy = new double[src.length];
        for (int i = 0; i < copy.length; i++) {
            double v = src[i];
            copy[i] = Double.isFinite(v) ? v : Double.NaN;
        }
        return copy;
    }

    /**
     * A frame over the table's own arrays, without copying: for a table read for one computation and not
     * used after it (a stage's input event), so a panel of millions of rows is not held twice. Frame
     * operations return new frames; nothing here writes to the arrays.
     */
    public static PanelFrame over(PanelTable table) {
        Map<String, Column> out = new LinkedHashMap<>();
        for (PanelColumn c : table.columns()) {
            out.put(c.name(), c.kind() == PanelColumn.ColumnKind.NUMERIC ? new Column.Numeric(c.numbers())
                    : new Column.Text(c.texts()));
        }
        return new PanelFrame(table.unit(), table.time(), table.group(), out);
    }

    public static PanelFrame fromTable(PanelTable table) {
        Map<String, Column> out = new LinkedHashMap<>();
        for (PanelColumn c : table.columns()) {
            if (c.kind() == PanelColumn.ColumnKind.NUMERIC) {
                out.put(c.name(), new Column.Numeric(c.numbers().clone()));
            } else {
                out.put(c.name(), new Column.Text(c.texts().clone()));
            }
        }
        return new PanelFrame(table.unit(), table.time(), table.group(), out);
    }

    public static String formatKey(double v) {
        if (Double.isNaN(v)) {
            return null;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
