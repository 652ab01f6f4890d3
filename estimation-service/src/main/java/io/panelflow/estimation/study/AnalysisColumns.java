package io.panelflow.estimation.study;

import io.panelflow.frame.PanelFrame;
import io.panelflow.frame.expr.Expression;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expressions of the spec (outcome, treatment, controls, ...) evaluated on the whole panel, then restricted to
 * the rows where every one is finite and the unit is known; unit codes in order of first appearance.
 *
 * @param names   the expressions' normalized text, in the order given
 * @param columns {@code columns[j][i]}: expression j on kept row i
 * @param unit    unit code of each kept row
 * @param time    time of each kept row
 * @param units   number of distinct units kept
 * @param dropped rows of the panel left out for a missing or non-finite value
 */
record AnalysisColumns(List<String> names, double[][] columns, int[] unit, int[] time, int units, int dropped) {

    static AnalysisColumns of(PanelFrame panel, List<String> expressions) {
        List<String> names = new ArrayList<>();
        double[][] full = new double[expressions.size()][];
        for (int j = 0; j < expressions.size(); j++) {
            Expression e = Expression.parse(expressions.get(j));
            names.add(e.text());
            full[j] = e.evaluate(panel);
        }
        String[] unitKeys = panel.unitKeys();
        int[] times = panel.times();
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < panel.rows(); i++) {
            boolean ok = unitKeys[i] != null;
            for (int j = 0; ok && j < full.length; j++) {
                ok = Double.isFinite(full[j][i]);
            }
            if (ok) {
                keep.add(i);
            }
        }
        int n = keep.size();
        double[][] columns = new double[full.length][n];
        int[] unit = new int[n];
        int[] time = new int[n];
        Map<String, Integer> codes = new LinkedHashMap<>();
        for (int r = 0; r < n; r++) {
            int i = keep.get(r);
            for (int j = 0; j < full.length; j++) {
                columns[j][r] = full[j][i];
            }
            unit[r] = codes.computeIfAbsent(unitKeys[i], k -> codes.size());
            time[r] = times[i];
        }
        return new AnalysisColumns(List.copyOf(names), columns, unit, time, codes.size(), panel.rows() - n);
    }

    int rows() {
        return unit.length;
    }

    /** Rows per unit, by unit code. */
    Map<Integer, Integer> rowsPerUnit() {
        Map<Integer, Integer> out = new HashMap<>();
        for (int u : unit) {
            out.merge(u, 1, Integer::sum);
        }
        return out;
    }
}
