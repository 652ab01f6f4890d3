package io.panelflow.index.fiscal;

import io.panelflow.frame.PanelFrame;
import io.panelflow.index.IndexException;
import io.panelflow.index.MeasureEvaluator;
import io.panelflow.index.composite.CompositeIndex;
import io.panelflow.model.result.IndexResult;
import io.panelflow.model.result.IndexValue;
import io.panelflow.model.spec.IndexSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reverse fiscal index of basic public service equalization (Liu et al. 2021, as used by Han,
 * Sun and Liu 2024, formulas (1) and (3)), for unit i in year t over all units of that year:
 * <pre>
 *   ABPS_it   = actual supply of unit i (the {@code supply} column, e.g. an entropy supply score)
 *   SBPS_it   = (pop_it / Σ_k pop_kt) · Σ_k ABPS_kt        the supply its population share would give
 *   RBPSEI_it = (ABPS_it − SBPS_it) / ABPS_it = 1 − SBPS_it / ABPS_it
 *   adjusted  = 1 − (RBPSEI_it + 1) / 2 = (1 − RBPSEI_it) / 2      (method reverse-fiscal-adjusted)
 * </pre>
 * RBPSEI &gt; 0: the unit receives more than its population share ("importer"); &lt; 0: less
 * ("exporter"). RBPSEI ≤ 1 always; it falls below −1 when a unit's supply share is under half its
 * population share, so the adjusted form lies in [0, ∞) rather than the [0, 1] the paper states.
 *
 * <p>Rows with a missing supply or population are left out of the year's totals and get no value.
 * ABPS ≤ 0 (the ratio is undefined; an entropy score of exactly 0 — use the {@code shift} option)
 * or a population ≤ 0 raises an {@link IndexException} naming the unit and year.
 */
public final class ReverseFiscalIndex {

    private ReverseFiscalIndex() {
    }

    public static boolean handles(String method) {
        return "reverse-fiscal".equals(method) || "reverse-fiscal-adjusted".equals(method);
    }

    public static CompositeIndex compute(PanelFrame frame, IndexSpec spec, MeasureEvaluator measures) {
        boolean adjusted = "reverse-fiscal-adjusted".equals(spec.method());
        if (spec.supply() == null || spec.population() == null) {
            throw new IndexException("index " + spec.name() + ": the reverse fiscal index needs supply and population");
        }
        double[] supply = evaluate(frame, spec.supply(), measures, spec.name());
        double[] pop = evaluate(frame, spec.population(), measures, spec.name());
        String[] units = frame.unitKeys();
        String[] times = frame.timeKeys();
        Map<String, List<Integer>> years = new LinkedHashMap<>();
        for (int i = 0; i < frame.rows(); i++) {
            if (Double.isFinite(supply[i]) && Double.isFinite(pop[i])) {
                years.computeIfAbsent(times[i], k -> new ArrayList<>()).add(i);
            }
        }
        double[] out = new double[frame.rows()];
        Arrays.fill(out, Double.NaN);
        Map<String, Object> totals = new LinkedHashMap<>();
        for (var year : years.entrySet()) {
            double totalSupply = 0;
            double totalPop = 0;
            for (int i : year.getValue()) {
                String where = "index " + spec.name() + ", unit " + units[i] + ", year " + year.getKey();
                if (!(supply[i] > 0)) {
                    throw new IndexException(where + ": supply '" + spec.supply() + "' = " + supply[i]
                            + " is not positive; (ABPS − SBPS)/ABPS is undefined");
                }
                if (!(pop[i] > 0)) {
                    throw new IndexException(where + ": population '" + spec.population() + "' = " + pop[i] + " is not positive");
                }
                totalSupply += supply[i];
                totalPop += pop[i];
            }
            for (int i : year.getValue()) {
                double standard = pop[i] / totalPop * totalSupply;
                double r = (supply[i] - standard) / supply[i];
                out[i] = adjusted ? 1 - (r + 1) / 2 : r;
            }
            totals.put(year.getKey(), Map.of("supply", totalSupply, "population", totalPop, "units", year.getValue().size()));
        }
        List<IndexValue> values = new ArrayList<>();
        int excluded = 0;
        for (int i = 0; i < out.length; i++) {
            if (Double.isNaN(out[i])) {
                excluded++;
            } else {
                values.add(new IndexValue(units[i], times[i], out[i]));
            }
        }
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        diagnostics.put("supply", spec.supply());
        diagnostics.put("population", spec.population());
        diagnostics.put("yearTotals", totals);
        diagnostics.put("excludedRows", excluded);
        IndexResult result = new IndexResult(spec.name(), spec.method(), "per-year", Map.of(), diagnostics, values);
        Map<String, double[]> columns = new LinkedHashMap<>();
        columns.put(spec.name(), out);
        return new CompositeIndex(result, columns);
    }

    private static double[] evaluate(PanelFrame frame, String expression, MeasureEvaluator measures, String name) {
        try {
            if (frame.has(expression) && frame.isNumeric(expression)) {
                return frame.numeric(expression);
            }
            return measures.evaluate(frame, expression);
        } catch (IndexException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IndexException("index " + name + ": cannot evaluate '" + expression + "': " + e.getMessage(), e);
        }
    }
}
