package io.panelflow.index.composite;

import io.panelflow.frame.PanelFrame;
import io.panelflow.index.IndexException;
import io.panelflow.index.MeasureEvaluator;
import io.panelflow.model.result.IndexResult;
import io.panelflow.model.result.IndexValue;
import io.panelflow.model.spec.IndexSpec;
import io.panelflow.model.spec.IndicatorSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A composite index of a panel under its scope:
 * <ul>
 *   <li>{@code pooled}: all unit-years form one decision matrix (min/max, entropy with ln N,
 *       weights and ideal points computed once);</li>
 *   <li>{@code per-year}: each year's units form their own matrix (ln n_t, weights per year);
 *       weights are keyed {@code "<year>/<indicator>"} and diagnostics are under
 *       {@code byYear → <year>}.</li>
 * </ul>
 * Indicator columns are read from the panel, or evaluated by the {@link MeasureEvaluator} when they
 * are expressions. A unit-year with any missing indicator is left out of the matrix (its index value
 * is missing; the count is in diagnostics {@code excludedRows}). TOPSIS values carry the unit-year's
 * distances D+ and D− to the ideal points of its matrix (pooled, or its year's). An indicator with no value at all in
 * a matrix raises an {@link IndexException} naming the index, indicator and year.
 */
public final class CompositeIndexCalculator {

    private CompositeIndexCalculator() {
    }

    public static CompositeIndex compute(PanelFrame frame, IndexSpec spec, MeasureEvaluator measures) {
        CompositeMethod method = CompositeMethod.of(spec.method());
        List<IndicatorSpec> specs = spec.indicators();
        if (specs.isEmpty()) {
            throw new IndexException("index " + spec.name() + ": no indicators");
        }
        int m = specs.size();
        String[] names = new String[m];
        boolean[] positive = new boolean[m];
        String[] groups = new String[m];
        double[][] raw = new double[m][];
        for (int j = 0; j < m; j++) {
            IndicatorSpec ind = specs.get(j);
            names[j] = ind.column();
            positive[j] = direction(spec, ind);
            groups[j] = ind.group();
            raw[j] = column(frame, ind.column(), measures, spec.name());
        }
        String scope = spec.scope().trim().toLowerCase(Locale.ROOT);
        boolean perYear = switch (scope) {
            case "pooled" -> false;
            case "per-year", "by-year", "year" -> true;
            default -> throw new IndexException("index " + spec.name() + ": unknown scope '" + spec.scope()
                    + "' (pooled or per-year)");
        };
        int n = frame.rows();
        String[] unitKeys = frame.unitKeys();
        String[] timeKeys = frame.timeKeys();
        Map<String, List<Integer>> slices = new LinkedHashMap<>();
        if (perYear) {
            Map<Double, String> order = new TreeMap<>();
            double[] t = frame.numeric(frame.timeColumn());
            for (int i = 0; i < n; i++) {
                order.putIfAbsent(t[i], timeKeys[i]);
            }
            for (String key : order.values()) {
                slices.put(key, new ArrayList<>());
            }
            for (int i = 0; i < n; i++) {
                slices.get(timeKeys[i]).add(i);
            }
        } else {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(i);
            }
            slices.put("pooled", all);
        }

        double[] composite = new double[n];
        Arrays.fill(composite, Double.NaN);
        double[] dPlus = null;
        double[] dMinus = null;
        Map<String, double[]> dimensionColumns = new LinkedHashMap<>();
        Map<String, Double> weights = new LinkedHashMap<>();
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        Map<String, Object> byYear = new LinkedHashMap<>();
        int excluded = 0;
        for (var slice : slices.entrySet()) {
            String where = "index " + spec.name() + (perYear ? ", year " + slice.getKey() : "");
            List<Integer> rows = slice.getValue();
            for (int j = 0; j < m; j++) {
                boolean any = false;
                for (int i : rows) {
                    any |= !Double.isNaN(raw[j][i]);
                }
                if (!any) {
                    throw new IndexException(where + ": indicator '" + names[j] + "' has no non-missing value");
                }
            }
            List<Integer> complete = new ArrayList<>();
            for (int i : rows) {
                boolean ok = true;
                for (int j = 0; j < m; j++) {
                    if (!Double.isFinite(raw[j][i])) {
                        ok = false;
                        break;
                    }
                }
                if (ok) {
                    complete.add(i);
                }
            }
            excluded += rows.size() - complete.size();
            double[][] matrix = new double[m][complete.size()];
            for (int j = 0; j < m; j++) {
                for (int k = 0; k < complete.size(); k++) {
                    matrix[j][k] = raw[j][complete.get(k)];
                }
            }
            SliceComposite result;
            try {
                result = DecisionMatrixComposite.compute(method, matrix, names, positive, groups, spec.options());
            } catch (IndexException e) {
                throw e.within(where);
            }
            for (int k = 0; k < complete.size(); k++) {
                composite[complete.get(k)] = result.values()[k];
            }
            if (result.distanceToBest() != null) {
                if (dPlus == null) {
                    dPlus = new double[n];
                    dMinus = new double[n];
                }
                for (int k = 0; k < complete.size(); k++) {
                    dPlus[complete.get(k)] = result.distanceToBest()[k];
                    dMinus[complete.get(k)] = result.distanceToWorst()[k];
                }
            }
            for (var d : result.dimensions().entrySet()) {
                double[] col = dimensionColumns.computeIfAbsent(spec.name() + "_" + d.getKey(), key -> {
                    double[] c = new double[n];
                    Arrays.fill(c, Double.NaN);
                    return c;
                });
                for (int k = 0; k < complete.size(); k++) {
                    col[complete.get(k)] = d.getValue()[k];
                }
            }
            if (perYear) {
                result.weights().forEach((ind, w) -> weights.put(slice.getKey() + "/" + ind, w));
                byYear.put(slice.getKey(), result.diagnostics());
            } else {
                weights.putAll(result.weights());
                diagnostics.putAll(result.diagnostics());
            }
        }
        if (perYear) {
            diagnostics.put("byYear", byYear);
        }
        diagnostics.put("excludedRows", excluded);
        List<String> dims = new ArrayList<>();
        for (String g : groups) {
            if (g != null && !dims.contains(g)) {
                dims.add(g);
            }
        }
        if (!dims.isEmpty()) {
            diagnostics.put("dimensions", dims);
        }

        List<IndexValue> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(composite[i])) {
                values.add(dPlus == null ? new IndexValue(unitKeys[i], timeKeys[i], composite[i])
                        : new IndexValue(unitKeys[i], timeKeys[i], composite[i], dPlus[i], dMinus[i]));
            }
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        columns.put(spec.name(), composite);
        columns.putAll(dimensionColumns);
        IndexResult indexResult = new IndexResult(spec.name(), method.id(), perYear ? "per-year" : "pooled",
                weights, diagnostics, values);
        return new CompositeIndex(indexResult, columns);
    }

    private static boolean direction(IndexSpec spec, IndicatorSpec ind) {
        String d = ind.direction();
        if (d == null || d.equalsIgnoreCase("positive") || d.equals("+")) {
            return true;
        }
        if (d.equalsIgnoreCase("negative") || d.equals("-")) {
            return false;
        }
        throw new IndexException("index " + spec.name() + ": indicator '" + ind.column() + "' has direction '" + d
                + "' (positive or negative)");
    }

    static double[] column(PanelFrame frame, String expression, MeasureEvaluator measures, String index) {
        try {
            if (frame.has(expression)) {
                return frame.numeric(expression);
            }
            return measures.evaluate(frame, expression);
        } catch (IndexException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IndexException("index " + index + ": cannot evaluate '" + expression + "': " + e.getMessage(), e);
        }
    }
}
