package io.panelflow.index;

import io.panelflow.frame.Column;
import io.panelflow.frame.PanelFrame;
import io.panelflow.index.balance.BalanceCalculator;
import io.panelflow.index.balance.BalanceIndex;
import io.panelflow.index.balance.GroupYearAggregates;
import io.panelflow.index.balance.GroupYearCells;
import io.panelflow.index.composite.CompositeIndex;
import io.panelflow.index.composite.CompositeIndexCalculator;
import io.panelflow.index.composite.CompositeMethod;
import io.panelflow.index.fiscal.ReverseFiscalIndex;
import io.panelflow.model.result.BalanceResult;
import io.panelflow.model.result.IndexResult;
import io.panelflow.model.spec.AggregateSpec;
import io.panelflow.model.spec.BalanceSpec;
import io.panelflow.model.spec.IndexSpec;
import io.panelflow.model.spec.StudySpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The index engine: every composite and balance index of a study spec on one panel.
 *
 * <ol>
 *   <li>Indices in spec order: composite methods ({@code entropy}, {@code entropy-topsis},
 *       {@code pca}, {@code equal}, {@code critic}, and the {@code -topsis} forms) by
 *       {@link CompositeIndexCalculator}; {@code reverse-fiscal} and {@code reverse-fiscal-adjusted} by
 *       {@link ReverseFiscalIndex}. Each adds its column (and sub-index columns) to the panel, so a
 *       later index may use an earlier one (RBPSEI on an entropy supply score).</li>
 *   <li>Balance indices ({@link BalanceCalculator}) on the extended panel, within each group-year of
 *       their {@code by} column, plus the national figure per year (group {@code "all"}).</li>
 *   <li>The group-year panel: unit = the group column (the panel spec's {@code group}, else the first
 *       balance index's {@code by}), time = the panel's time; one column per balance index with that
 *       {@code by} and one per aggregate of {@code estimation.aggregate}; missing (NaN) where a
 *       group-year has no value. Null when there are neither balance indices nor aggregates. A
 *       balance index grouped by another column, or national only, is reported in the results but
 *       not added to this panel (a national-only spec makes a panel with the single group "all").</li>
 * </ol>
 */
public final class IndexEngine {

    private IndexEngine() {
    }

    public static IndexOutcome compute(PanelFrame panel, StudySpec spec, MeasureEvaluator measures) {
        Objects.requireNonNull(panel, "panel");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(measures, "measures");
        PanelFrame frame = panel;
        List<IndexResult> indices = new ArrayList<>();
        for (IndexSpec index : spec.indices()) {
            if (index.name() == null || index.name().isBlank()) {
                throw new IndexException("an index has no name (method " + index.method() + ")");
            }
            CompositeIndex computed;
            if (CompositeMethod.isComposite(index.method())) {
                computed = CompositeIndexCalculator.compute(frame, index, measures);
            } else if (ReverseFiscalIndex.handles(index.method())) {
                computed = ReverseFiscalIndex.compute(frame, index, measures);
            } else {
                throw new IndexException("index " + index.name() + ": unknown method '" + index.method()
                        + "' (entropy, entropy-topsis, pca, equal, critic, equal-topsis, critic-topsis, reverse-fiscal,"
                        + " reverse-fiscal-adjusted)");
            }
            for (var col : computed.columns().entrySet()) {
                frame = frame.withNumeric(col.getKey(), col.getValue());
            }
            indices.add(computed.result());
        }

        List<BalanceResult> balance = new ArrayList<>();
        List<BalanceIndex> computedBalance = new ArrayList<>();
        for (BalanceSpec b : spec.balance()) {
            if (b.name() == null || b.name().isBlank()) {
                throw new IndexException("a balance index has no name (method " + b.method() + ")");
            }
            BalanceIndex bi = BalanceCalculator.compute(frame, b, measures);
            computedBalance.add(bi);
            balance.add(bi.result());
        }
        List<AggregateSpec> aggregates = spec.estimation() == null ? List.of() : spec.estimation().aggregate();
        PanelFrame groupPanel = null;
        if (!spec.balance().isEmpty() || !aggregates.isEmpty()) {
            groupPanel = groupPanel(frame, spec, computedBalance, aggregates, measures);
        }
        return new IndexOutcome(frame, groupPanel, indices, balance);
    }

    private static PanelFrame groupPanel(PanelFrame frame, StudySpec spec, List<BalanceIndex> computed,
                                         List<AggregateSpec> aggregates, MeasureEvaluator measures) {
        String by = spec.panel() != null && spec.panel().group() != null ? spec.panel().group() : null;
        if (by == null) {
            for (BalanceSpec b : spec.balance()) {
                if (b.by() != null) {
                    by = b.by();
                    break;
                }
            }
        }
        GroupYearCells cells = GroupYearCells.of(frame, by);
        List<String[]> keys = new ArrayList<>();
        for (String g : cells.groups()) {
            for (String t : cells.times()) {
                if (!cells.rows(g, t).isEmpty()) {
                    keys.add(new String[]{g, t});
                }
            }
        }
        String groupColumn = by == null ? "group" : by;
        String timeColumn = frame.timeColumn();
        Map<String, Column> columns = new LinkedHashMap<>();
        String[] groups = new String[keys.size()];
        double[] times = new double[keys.size()];
        for (int r = 0; r < keys.size(); r++) {
            groups[r] = keys.get(r)[0];
            times[r] = cells.timeValues().get(keys.get(r)[1]);
        }
        columns.put(groupColumn, new Column.Text(groups));
        columns.put(timeColumn, new Column.Numeric(times));
        for (int k = 0; k < computed.size(); k++) {
            BalanceSpec b = spec.balance().get(k);
            if (Objects.equals(b.by(), by)) {
                columns.put(b.name(), new Column.Numeric(fill(keys, computed.get(k).cells())));
            }
        }
        for (AggregateSpec a : aggregates) {
            if (columns.containsKey(a.name())) {
                throw new IndexException("aggregate " + a.name() + ": the group-year panel already has a column of that name");
            }
            columns.put(a.name(), new Column.Numeric(fill(keys, GroupYearAggregates.compute(frame, cells, a, measures))));
        }
        return new PanelFrame(groupColumn, timeColumn, null, columns);
    }

    private static double[] fill(List<String[]> keys, Map<String, Map<String, Double>> cells) {
        double[] out = new double[keys.size()];
        Arrays.fill(out, Double.NaN);
        for (int r = 0; r < keys.size(); r++) {
            Double v = cells.getOrDefault(keys.get(r)[0], Map.of()).get(keys.get(r)[1]);
            if (v != null) {
                out[r] = v;
            }
        }
        return out;
    }
}
