package io.panelflow.index.balance;

import io.panelflow.frame.PanelFrame;
import io.panelflow.index.IndexException;
import io.panelflow.index.MeasureEvaluator;
import io.panelflow.model.result.BalanceResult;
import io.panelflow.model.result.GroupValue;
import io.panelflow.model.spec.BalanceSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A balance index of lower-level units within each group-year ({@code by}, e.g. cities within
 * provinces), plus the national figure per year over all units (group {@code "all"}).
 *
 * <p>The measure is evaluated by the {@link MeasureEvaluator} (e.g. {@code "gdp / population"}),
 * the weight is a column or expression. Rows with a missing measure or weight are left out (count in
 * diagnostics {@code excludedRows}); a group-year without rows has no value. A group-year with one
 * unit gets 0 (listed in diagnostics {@code singleUnitCells}). Every value carries the unweighted mean
 * and sample standard deviation of the measure over the cell's units ({@link GroupValue}).
 *
 * <p>Diagnostics: {@code units} ({@code "<group>/<year>"} → n), and for Theil indices
 * {@code decomposition} → year → total, between, within, shares and per group its income share
 * S_g, weight share P_g and own index (see {@link TheilDecomposition}).
 */
public final class BalanceCalculator {

    private BalanceCalculator() {
    }

    public static BalanceIndex compute(PanelFrame frame, BalanceSpec spec, MeasureEvaluator measures) {
        BalanceMethod method = BalanceMethod.of(spec.method());
        if (spec.measure() == null || spec.measure().isBlank()) {
            throw new IndexException("balance " + spec.name() + ": no measure");
        }
        double[] y = evaluate(frame, spec.measure(), measures, spec.name());
        double[] w = spec.weight() == null || spec.weight().isBlank() ? null
                : evaluate(frame, spec.weight(), measures, spec.name());
        boolean[] usable = new boolean[frame.rows()];
        int excluded = 0;
        for (int i = 0; i < usable.length; i++) {
            usable[i] = Double.isFinite(y[i]) && (w == null || Double.isFinite(w[i]));
            excluded += usable[i] ? 0 : 1;
        }
        GroupYearCells cells = GroupYearCells.of(frame, spec.by());
        GroupYearCells national = spec.by() == null ? cells : GroupYearCells.of(frame, null);

        List<GroupValue> values = new ArrayList<>();
        Map<String, Map<String, Double>> byCell = new LinkedHashMap<>();
        Map<String, Integer> units = new LinkedHashMap<>();
        List<String> single = new ArrayList<>();
        Map<String, Object> decomposition = new LinkedHashMap<>();
        String[] groupKeys = spec.by() == null ? null : frame.keys(spec.by());
        for (String time : cells.times()) {
            if (spec.by() != null) {
                for (String group : cells.groups()) {
                    List<Integer> rows = usableRows(cells.rows(group, time), usable);
                    if (rows.isEmpty()) {
                        continue;
                    }
                    double v = cell(method, y, w, rows, spec.name(), group, time);
                    values.add(groupValue(group, time, v, y, rows));
                    byCell.computeIfAbsent(group, k -> new LinkedHashMap<>()).put(time, v);
                    units.put(group + "/" + time, rows.size());
                    if (rows.size() == 1) {
                        single.add(group + "/" + time);
                    }
                }
            }
            List<Integer> rows = usableRows(national.rows(GroupYearCells.ALL, time), usable);
            if (rows.isEmpty()) {
                continue;
            }
            double v = cell(method, y, w, rows, spec.name(), GroupYearCells.ALL, time);
            values.add(groupValue(GroupYearCells.ALL, time, v, y, rows));
            units.put(GroupYearCells.ALL + "/" + time, rows.size());
            if (spec.by() == null) {
                byCell.computeIfAbsent(GroupYearCells.ALL, k -> new LinkedHashMap<>()).put(time, v);
            } else if (method.theil()) {
                decomposition.put(time, decompose(method, y, w, groupKeys, rows, spec.name(), time));
            }
        }
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        diagnostics.put("units", units);
        diagnostics.put("excludedRows", excluded);
        if (!single.isEmpty()) {
            diagnostics.put("singleUnitCells", single);
        }
        if (!decomposition.isEmpty()) {
            diagnostics.put("decomposition", decomposition);
        }
        return new BalanceIndex(new BalanceResult(spec.name(), method.id(), spec.by(), values, diagnostics), byCell);
    }

    /** The cell's value with the unweighted mean and sample sd of the measure (sd left out for one unit). */
    static GroupValue groupValue(String group, String time, double value, double[] y, List<Integer> rows) {
        double[] v = pick(y, rows);
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        Double sd = null;
        if (v.length > 1) {
            double ss = 0;
            for (double x : v) {
                ss += (x - mean) * (x - mean);
            }
            sd = Math.sqrt(ss / (v.length - 1));
        }
        return new GroupValue(group, time, value, mean, sd);
    }

    private static double cell(BalanceMethod method, double[] y, double[] w, List<Integer> rows, String name,
                               String group, String time) {
        double[] yc = pick(y, rows);
        double[] wc = w == null ? null : pick(w, rows);
        try {
            return method.apply(yc, wc);
        } catch (IndexException e) {
            throw e.within("balance " + name + ", group " + group + ", year " + time);
        }
    }

    private static Map<String, Object> decompose(BalanceMethod method, double[] y, double[] w, String[] groupKeys,
                                                 List<Integer> rows, String name, String time) {
        String[] g = new String[rows.size()];
        for (int k = 0; k < rows.size(); k++) {
            g[k] = groupKeys[rows.get(k)];
        }
        TheilDecomposition d;
        try {
            d = TheilDecomposition.of(pick(y, rows), w == null ? null : pick(w, rows), g,
                    method == BalanceMethod.THEIL_L);
        } catch (IndexException e) {
            throw e.within("balance " + name + ", year " + time + " (national decomposition)");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", d.total());
        out.put("between", d.between());
        out.put("within", d.within());
        out.put("betweenShare", d.betweenShare());
        out.put("withinShare", d.withinShare());
        Map<String, Object> groups = new LinkedHashMap<>();
        d.groups().forEach((key, part) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("units", part.units());
            m.put("incomeShare", part.incomeShare());
            m.put("weightShare", part.weightShare());
            m.put("theil", part.theil());
            groups.put(key, m);
        });
        out.put("groups", groups);
        return out;
    }

    private static List<Integer> usableRows(List<Integer> rows, boolean[] usable) {
        List<Integer> out = new ArrayList<>(rows.size());
        for (int i : rows) {
            if (usable[i]) {
                out.add(i);
            }
        }
        return out;
    }

    static double[] pick(double[] v, List<Integer> rows) {
        double[] out = new double[rows.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = v[rows.get(k)];
        }
        return out;
    }

    static double[] evaluate(PanelFrame frame, String expression, MeasureEvaluator measures, String name) {
        try {
            if (frame.has(expression) && frame.isNumeric(expression)) {
                return frame.numeric(expression);
            }
            return measures.evaluate(frame, expression);
        } catch (IndexException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IndexException("balance " + name + ": cannot evaluate '" + expression + "': " + e.getMessage(), e);
        }
    }
}
