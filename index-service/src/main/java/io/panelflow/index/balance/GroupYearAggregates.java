package io.panelflow.index.balance;

import io.panelflow.frame.PanelFrame;
import io.panelflow.index.IndexException;
import io.panelflow.index.MeasureEvaluator;
import io.panelflow.model.spec.AggregateSpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Group-year aggregates of a lower-level column (shared-model {@code AggregateSpec}), over the units
 * of each group-year with a non-missing value (and weight):
 * <pre>
 *   sum:            Σ_i x_i
 *   mean:           (1/n) Σ_i x_i
 *   weighted-mean:  Σ_i w_i x_i / Σ_i w_i        (weights must be positive)
 * </pre>
 * A group-year with no usable unit gets no value (a missing cell in the group-year panel). With
 * {@code missing: skip} (the default) members whose value or weight is missing are left out of their cell;
 * with {@code missing: propagate} such a member makes the whole cell missing, as R's {@code weighted.mean}
 * and {@code mean} without {@code na.rm} (members are the group-year's rows of the panel).
 */
public final class GroupYearAggregates {

    private GroupYearAggregates() {
    }

    /** {@code result.get(group).get(year)} */
    public static Map<String, Map<String, Double>> compute(PanelFrame frame, GroupYearCells cells, AggregateSpec spec,
                                                           MeasureEvaluator measures) {
        String function = spec.function() == null ? "mean" : spec.function().trim().toLowerCase(Locale.ROOT);
        if (!List.of("sum", "mean", "weighted-mean").contains(function)) {
            throw new IndexException("aggregate " + spec.name() + ": unknown function '" + spec.function()
                    + "' (sum, mean, weighted-mean)");
        }
        boolean weighted = function.equals("weighted-mean");
        if (weighted && (spec.weight() == null || spec.weight().isBlank())) {
            throw new IndexException("aggregate " + spec.name() + ": weighted-mean needs a weight");
        }
        double[] x = BalanceCalculator.evaluate(frame, spec.column(), measures, spec.name());
        double[] w = weighted ? BalanceCalculator.evaluate(frame, spec.weight(), measures, spec.name()) : null;
        String missing = spec.missing().trim().toLowerCase(Locale.ROOT);
        if (!List.of(AggregateSpec.SKIP, AggregateSpec.PROPAGATE).contains(missing)) {
            throw new IndexException("aggregate " + spec.name() + ": unknown missing rule '" + spec.missing()
                    + "' (skip, propagate)");
        }
        boolean propagate = spec.propagatesMissing();
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (String group : cells.groups()) {
            for (String time : cells.times()) {
                double sum = 0;
                double weight = 0;
                int n = 0;
                boolean incomplete = false;
                for (int i : cells.rows(group, time)) {
                    if (!Double.isFinite(x[i]) || (w != null && !Double.isFinite(w[i]))) {
                        incomplete = true;
                        continue;
                    }
                    double wi = w == null ? 1 : w[i];
                    if (!(wi > 0)) {
                        throw new IndexException("aggregate " + spec.name() + ", group " + group + ", year " + time
                                + ": weight '" + spec.weight() + "' = " + wi + " is not positive");
                    }
                    sum += wi * x[i];
                    weight += wi;
                    n++;
                }
                if (n > 0 && !(propagate && incomplete)) {
                    double v = function.equals("sum") ? sum : sum / weight;
                    out.computeIfAbsent(group, k -> new LinkedHashMap<>()).put(time, v);
                }
            }
        }
        return out;
    }
}
