package io.panelflow.frame.expr;

import io.panelflow.frame.PanelFrame;

import java.util.HashMap;
import java.util.Map;

/**
 * Finds the row of (unit, time) in a panel, so lags and leads look up the exact year instead of the
 * previous row: {@code rowOf(i, k)} is the row of unit(i) at time(i) + k, or −1 when absent.
 */
public final class PanelIndex {
    private final int[] unitCode;
    private final long[] time;
    private final Map<Long, Integer> rowByKey;

    private PanelIndex(int[] unitCode, long[] time, Map<Long, Integer> rowByKey) {
        this.unitCode = unitCode;
        this.time = time;
        this.rowByKey = rowByKey;
    }

    public static PanelIndex of(PanelFrame frame) {
        String unit = frame.unitColumn();
        String timeName = frame.timeColumn();
        if (unit == null || !frame.has(unit) || timeName == null || !frame.has(timeName) || !frame.isNumeric(timeName)) {
            throw new ExpressionException("lags, leads and differences need the panel's unit and numeric time columns",
                    0, unit + "/" + timeName);
        }
        String[] units = frame.unitKeys();
        double[] t = frame.numeric(timeName);
        int n = frame.rows();
        Map<String, Integer> codes = new HashMap<>();
        int[] unitCode = new int[n];
        long[] time = new long[n];
        Map<Long, Integer> rows = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            if (units[i] == null || !Double.isFinite(t[i])) {
                unitCode[i] = -1;
                continue;
            }
            if (t[i] != Math.rint(t[i])) {
                throw new ExpressionException("time value " + t[i] + " is not a whole number; panel operators need whole periods",
                        0, timeName);
            }
            unitCode[i] = codes.computeIfAbsent(units[i], k -> codes.size());
            time[i] = (long) t[i];
            Integer previous = rows.put(key(unitCode[i], time[i]), i);
            if (previous != null) {
                throw new ExpressionException("unit '" + units[i] + "' has two rows for time " + time[i]
                        + "; lags need one row per unit and time", 0, units[i]);
            }
        }
        return new PanelIndex(unitCode, time, rows);
    }

    private static long key(int unit, long time) {
        return ((long) unit << 32) ^ (time & 0xffffffffL);
    }

    /** The row of the same unit at time(row) + shift, or −1. */
    public int rowOf(int row, int shift) {
        if (unitCode[row] < 0) {
            return -1;
        }
        Integer r = rowByKey.get(key(unitCode[row], time[row] + shift));
        return r == null ? -1 : r;
    }

    public long time(int row) {
        return time[row];
    }

    public boolean hasKey(int row) {
        return unitCode[row] >= 0;
    }
}
