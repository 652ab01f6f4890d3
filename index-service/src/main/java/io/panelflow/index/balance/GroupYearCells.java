package io.panelflow.index.balance;

import io.panelflow.frame.PanelFrame;
import io.panelflow.index.IndexException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows of a panel by group and year: groups in order of first appearance, years in ascending
 * order. A null {@code by} puts every row of a year into one group {@code "all"}. Rows with a
 * missing group key are left out.
 */
public record GroupYearCells(List<String> groups, List<String> times, Map<String, Double> timeValues,
                             Map<String, Map<String, List<Integer>>> rows) {

    public static final String ALL = "all";

    public static GroupYearCells of(PanelFrame frame, String by) {
        if (by != null && !frame.has(by)) {
            throw new IndexException("group column '" + by + "' is not in the panel");
        }
        String[] group = by == null ? null : frame.keys(by);
        String[] time = frame.timeKeys();
        double[] t = frame.numeric(frame.timeColumn());
        Map<Double, String> order = new TreeMap<>();
        List<String> groups = new ArrayList<>();
        Map<String, Map<String, List<Integer>>> rows = new LinkedHashMap<>();
        for (int i = 0; i < frame.rows(); i++) {
            String g = group == null ? ALL : group[i];
            if (g == null || time[i] == null) {
                continue;
            }
            order.putIfAbsent(t[i], time[i]);
            if (!rows.containsKey(g)) {
                groups.add(g);
            }
            rows.computeIfAbsent(g, k -> new LinkedHashMap<>()).computeIfAbsent(time[i], k -> new ArrayList<>()).add(i);
        }
        Map<String, Double> timeValues = new LinkedHashMap<>();
        order.forEach((v, k) -> timeValues.put(k, v));
        return new GroupYearCells(groups, new ArrayList<>(order.values()), timeValues, rows);
    }

    /** The rows of one group-year (empty when the group has no row that year). */
    public List<Integer> rows(String group, String time) {
        return rows.getOrDefault(group, Map.of()).getOrDefault(time, List.of());
    }
}
