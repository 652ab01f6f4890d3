package io.panelflow.estimation.study;

import io.panelflow.estimation.engine.Design;
import io.panelflow.estimation.engine.Estimate;
import io.panelflow.estimation.engine.FixedEffectsRegression;
import io.panelflow.estimation.engine.WaldTest;
import io.panelflow.estimation.formula.ModelFrame;
import io.panelflow.estimation.formula.ModelFrameBuilder;
import io.panelflow.frame.PanelFrame;
import io.panelflow.frame.expr.Expression;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.spec.HeterogeneitySpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Subsample regressions {@code heterogeneity/<by>/<group>} of a base model.
 *
 * <p>Groups (each result says its {@code group}: by, name, rule and, for quantile groups, the interval bounds
 * {@code lower} and {@code upper}): {@code quartiles} of a numeric column with type-7 cut points q1, q2, q3 over every panel row
 * with a value: Q1 = [min, q1], Q2 = (q1, q2], Q3 = (q2, q3], Q4 = (q3, max] (ties go to the lower
 * group); {@code median}: {@code below-median} = [min, q2], {@code above-median} = (q2, max];
 * {@code groups} (the default for text columns): one group per value, in sorted order. A numeric column
 * without a split is cut at the median. Expressions are evaluated on the whole panel first, so lags in a
 * subsample still see the previous year.
 *
 * <p>Cross-group test (in each group's diagnostics as {@code groupDifference}): on the pooled sample of
 * all groups, the base model plus the interactions of its first regressor with the dummies of groups
 * 2..G; Wald test (F = W/(G−1), the model's vcov and residual df) that these interactions are all zero,
 * i.e. that the first regressor's slope is the same in every group (other slopes and fixed effects pooled).
 */
final class HeterogeneityAnalysis {
    private HeterogeneityAnalysis() {
    }

    /** {@code lower}/{@code upper}: the closed bounds of a quantile group's interval (min and max at the ends); NaN for value groups. */
    record Group(String name, boolean[] rows, String rule, double lower, double upper) {
        Group(String name, boolean[] rows, String rule) {
            this(name, rows, rule, Double.NaN, Double.NaN);
        }
    }

    static List<ModelResult> run(ModelFrameBuilder builder, ModelContext base, HeterogeneitySpec spec) {
        List<Group> groups = groups(builder.panel(), spec);
        Map<String, Object> difference = groupDifference(builder, base, groups);
        List<ModelResult> out = new ArrayList<>();
        for (Group g : groups) {
            FittedModel m = ModelFitting.fit(builder, base, g.rows());
            Map<String, Object> extra = new LinkedHashMap<>();
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("by", spec.by());
            group.put("name", g.name());
            group.put("rule", g.rule());
            if (!Double.isNaN(g.lower())) {
                group.put("lower", g.lower());
                group.put("upper", g.upper());
            }
            extra.put("group", group);
            if (difference != null) {
                extra.put("groupDifference", difference);
            }
            out.add(ResultMapper.map("heterogeneity/" + spec.by() + "/" + g.name(), "heterogeneity",
                    spec.by() + ": " + g.name(), m.frame(), m.estimate(), extra, List.of()));
        }
        return out;
    }

    static List<Group> groups(PanelFrame panel, HeterogeneitySpec spec) {
        String by = spec.by();
        String split = spec.split() == null ? null : spec.split().toLowerCase();
        boolean numeric = panel.has(by) ? panel.isNumeric(by) : true;
        if (split == null) {
            split = numeric ? "median" : "groups";
        }
        int n = panel.rows();
        if (split.equals("groups")) {
            if (!panel.has(by)) {
                throw new IllegalArgumentException("heterogeneity: unknown column '" + by + "'");
            }
            String[] keys = panel.keys(by);
            Map<String, boolean[]> byKey = numeric
                    ? new TreeMap<>((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)))
                    : new TreeMap<>();
            for (int i = 0; i < n; i++) {
                if (keys[i] != null) {
                    byKey.computeIfAbsent(keys[i], k -> new boolean[n])[i] = true;
                }
            }
            List<Group> out = new ArrayList<>();
            byKey.forEach((k, rows) -> out.add(new Group(k, rows, by + " = " + k)));
            return out;
        }
        double[] v = Expression.parse(by).evaluate(panel);
        double[] probabilities = switch (split) {
            case "quartiles", "quartile" -> new double[]{0.25, 0.5, 0.75};
            case "median" -> new double[]{0.5};
            default -> throw new IllegalArgumentException("heterogeneity split '" + spec.split()
                    + "': use quartiles, median or groups");
        };
        double[] cuts = new double[probabilities.length];
        for (int c = 0; c < cuts.length; c++) {
            cuts[c] = Quantiles.type7(v, probabilities[c]);
        }
        double min = java.util.Arrays.stream(v).filter(Double::isFinite).min().orElse(Double.NaN);
        double max = java.util.Arrays.stream(v).filter(Double::isFinite).max().orElse(Double.NaN);
        List<Group> out = new ArrayList<>();
        for (int g = 0; g <= cuts.length; g++) {
            boolean[] rows = new boolean[n];
            double lower = g == 0 ? Double.NEGATIVE_INFINITY : cuts[g - 1];
            double upper = g == cuts.length ? Double.POSITIVE_INFINITY : cuts[g];
            for (int i = 0; i < n; i++) {
                rows[i] = Double.isFinite(v[i]) && v[i] > lower && v[i] <= upper;
            }
            String name = cuts.length == 1 ? (g == 0 ? "below-median" : "above-median") : "Q" + (g + 1);
            String rule = (g == 0 ? "min <= " + by : lower + " < " + by) + (g == cuts.length ? " <= max" : " <= " + upper);
            out.add(new Group(name, rows, rule, g == 0 ? min : lower, g == cuts.length ? max : upper));
        }
        return out;
    }

    /** Interaction-based Wald test that the first regressor's slope is equal across groups; null when not applicable. */
    static Map<String, Object> groupDifference(ModelFrameBuilder builder, ModelContext base, List<Group> groups) {
        if (groups.size() < 2 || base.formula().isInstrumental() || base.formula().regressors().isEmpty()) {
            return null;
        }
        int n = builder.panel().rows();
        boolean[] pooled = new boolean[n];
        int[] groupOf = new int[n];
        for (int g = 0; g < groups.size(); g++) {
            for (int i = 0; i < n; i++) {
                if (groups.get(g).rows()[i]) {
                    pooled[i] = true;
                    groupOf[i] = g;
                }
            }
        }
        ModelFrame frame = builder.build(base.formula(), base.vcov(), pooled, base.weights());
        Design d = frame.design();
        String term = base.formula().regressors().get(0).text();
        int column = -1;
        for (int c = 0; c < frame.columnTerms().length && column < 0; c++) {
            if (frame.columnTerms()[c] == 0) {
                column = c;
            }
        }
        double[][] x = new double[d.x().length + groups.size() - 1][];
        String[] names = new String[x.length];
        System.arraycopy(d.x(), 0, x, 0, d.x().length);
        System.arraycopy(d.xNames(), 0, names, 0, d.xNames().length);
        String[] interactions = new String[groups.size() - 1];
        for (int g = 1; g < groups.size(); g++) {
            double[] col = new double[d.rows()];
            for (int i = 0; i < col.length; i++) {
                col[i] = groupOf[frame.rows()[i]] == g ? d.x()[column][i] : 0.0;
            }
            int at = d.x().length + g - 1;
            x[at] = col;
            names[at] = term + ":group::" + groups.get(g).name();
            interactions[g - 1] = names[at];
        }
        Design interacted = new Design(d.y(), d.yName(), x, names, d.fixedEffects(), d.fixedEffectNames(), d.weights(),
                d.endogenous(), d.endogenousNames(), d.instruments(), d.instrumentNames());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("term", term);
        out.put("method", "pooled model with " + term + " x group dummies (first group = reference); Wald test that all"
                + " interactions are zero, with the model's vcov");
        try {
            Estimate e = FixedEffectsRegression.fit(interacted, frame.vcov(), base.options());
            WaldTest.Result w = WaldTest.zero(e, interactions);
            out.put("statistic", w.f());
            out.put("df1", w.df1());
            out.put("df2", w.df2());
            out.put("pValue", w.fPValue());
            out.put("chi2", w.chi2());
            out.put("chi2PValue", w.chi2PValue());
            out.put("nobs", e.nobs());
        } catch (RuntimeException ex) {
            out.put("error", ex.getMessage());
        }
        return out;
    }
}
