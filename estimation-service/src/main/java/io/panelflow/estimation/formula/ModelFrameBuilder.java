package io.panelflow.estimation.formula;

import io.panelflow.estimation.engine.Design;
import io.panelflow.estimation.engine.FixefK;
import io.panelflow.estimation.engine.VcovRequest;
import io.panelflow.estimation.engine.VcovType;
import io.panelflow.frame.PanelFrame;
import io.panelflow.frame.expr.Expression;
import io.panelflow.frame.expr.ExpressionException;
import io.panelflow.frame.formula.DummyTerm;
import io.panelflow.frame.formula.ExpressionTerm;
import io.panelflow.frame.formula.FixedEffectTerm;
import io.panelflow.frame.formula.Formula;
import io.panelflow.frame.formula.FormulaTerm;
import io.panelflow.frame.formula.InteractionTerm;
import io.panelflow.model.spec.VcovSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Evaluates a {@link Formula} on a {@link PanelFrame} into an engine {@link Design} and {@link VcovRequest}.
 *
 * <p>Every expression is evaluated on the whole panel (so lags, leads and {@code bartik()} see every
 * year even when the model runs on a subsample), then restricted to the sample. A row of the sample is
 * dropped — and counted, as fixest does — when the dependent variable, a regressor, an endogenous
 * regressor, an instrument, a fixed-effect key, a cluster key, the Driscoll–Kraay time or the weight is
 * missing or non-finite (weights must also be positive).
 *
 * <p>{@code i(var, ref = r)} becomes one 0/1 column per level of {@code var} present in the complete
 * rows, in sorted order (numeric levels numerically), without the reference levels, named
 * {@code var::level}. Interactions {@code x:z} are row products. Fixed effects are coded densely in order
 * of first appearance; {@code a^b} combines the keys of a and b.
 *
 * <p>Variance request from a {@link VcovSpec}: {@code default} = clustered by the panel unit (fixest's
 * default for panel data), {@code iid}, {@code hetero} (HC1), {@code cluster} on one or several columns
 * ({@code a^b} combines keys), {@code driscoll-kraay} with its lag; {@code fixefK} nested/full/none/full-exact.
 *
 * <p>Evaluated columns are cached by expression text, so models built by one builder share arrays.
 */
public final class ModelFrameBuilder {
    private final PanelFrame panel;
    private final Map<String, double[]> evaluated = new HashMap<>();
    private final Map<String, KeyCodes> keyCodes = new HashMap<>();

    public ModelFrameBuilder(PanelFrame panel) {
        this.panel = panel;
    }

    public PanelFrame panel() {
        return panel;
    }

    /** The expression's values on the whole panel (cached); errors name the term. */
    public double[] evaluate(Expression e) {
        String key = e.text();
        double[] v = evaluated.get(key);
        if (v == null) {
            try {
                v = e.evaluate(panel);
            } catch (ExpressionException ex) {
                throw new ModelFrameException(key, "term '" + key + "': " + ex.getMessage(), ex);
            }
            evaluated.put(key, v);
        }
        return v;
    }

    public ModelFrame build(Formula formula, VcovSpec vcov) {
        return build(formula, vcov, null, null);
    }

    /**
     * @param sample  rows the model may use (null = all rows)
     * @param weights name of an analytic weight column, or null
     */
    public ModelFrame build(Formula formula, VcovSpec vcov, boolean[] sample, String weights) {
        int n = panel.rows();
        vcov = vcov == null ? VcovSpec.DEFAULT : vcov;
        List<String> notes = new ArrayList<>();
        Map<String, double[]> used = new LinkedHashMap<>();

        String yName = formula.dependent().text();
        double[] yAll = evaluate(formula.dependent());
        used.put(yName, yAll);

        List<FormulaTerm> terms = formula.regressors();
        List<double[]> numericAll = new ArrayList<>();
        for (FormulaTerm t : terms) {
            double[] v;
            if (t instanceof ExpressionTerm e) {
                v = evaluate(e.expression());
            } else if (t instanceof InteractionTerm it) {
                v = product(it);
            } else {
                v = dummyInputs((DummyTerm) t);
            }
            numericAll.add(v);
            used.put(t.text(), v);
        }
        List<double[]> endoAll = new ArrayList<>();
        for (Expression e : formula.endogenous()) {
            endoAll.add(evaluate(e));
            used.put(e.text(), endoAll.get(endoAll.size() - 1));
        }
        List<double[]> instAll = new ArrayList<>();
        for (Expression e : formula.instruments()) {
            instAll.add(evaluate(e));
            used.put(e.text(), instAll.get(instAll.size() - 1));
        }
        double[] weightAll = null;
        if (weights != null && !weights.isBlank()) {
            weightAll = evaluate(Expression.parse(weights)).clone();
            for (int i = 0; i < n; i++) {
                if (!(weightAll[i] > 0)) {
                    weightAll[i] = Double.NaN;
                }
            }
            used.put("weights " + weights, weightAll);
        }

        List<KeyCodes> feKeys = new ArrayList<>();
        String[] feNames = new String[formula.fixedEffects().size()];
        for (int k = 0; k < feNames.length; k++) {
            FixedEffectTerm fe = formula.fixedEffects().get(k);
            feNames[k] = fe.text();
            feKeys.add(combinedKeys(fe.variables(), "fixed effect"));
        }

        VcovType type = vcovType(vcov);
        List<String> clusterNames = new ArrayList<>();
        List<KeyCodes> clusterKeys = new ArrayList<>();
        if (type == VcovType.CLUSTER) {
            List<String> by = vcov.cluster().isEmpty() ? List.of(panel.unitColumn()) : vcov.cluster();
            for (String c : by) {
                clusterNames.add(c);
                clusterKeys.add(combinedKeys(List.of(c.split("\\^")).stream().map(String::strip).toList(), "cluster"));
            }
        }
        double[] timeAll = null;
        if (type == VcovType.DRISCOLL_KRAAY) {
            String time = panel.timeColumn();
            if (time == null || !panel.has(time) || !panel.isNumeric(time)) {
                throw new ModelFrameException(time, "Driscoll-Kraay standard errors need the panel's numeric time column");
            }
            timeAll = panel.numeric(time);
        }

        boolean[] complete = new boolean[n];
        int candidates = 0;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (sample != null && !sample[i]) {
                continue;
            }
            candidates++;
            boolean ok = true;
            for (double[] v : used.values()) {
                if (!Double.isFinite(v[i])) {
                    ok = false;
                    break;
                }
            }
            for (int k = 0; ok && k < feKeys.size(); k++) {
                ok = feKeys.get(k).code(i) >= 0;
            }
            for (int k = 0; ok && k < clusterKeys.size(); k++) {
                ok = clusterKeys.get(k).code(i) >= 0;
            }
            if (ok && timeAll != null) {
                ok = Double.isFinite(timeAll[i]);
            }
            complete[i] = ok;
            if (ok) {
                kept++;
            }
        }
        if (kept == 0) {
            throw noCompleteRows(candidates, sample, used, feNames, feKeys);
        }
        int[] rows = new int[kept];
        for (int i = 0, p = 0; i < n; i++) {
            if (complete[i]) {
                rows[p++] = i;
            }
        }

        List<double[]> x = new ArrayList<>();
        List<String> xNames = new ArrayList<>();
        List<Boolean> checkConstant = new ArrayList<>();
        List<Integer> columnTerms = new ArrayList<>();
        for (int t = 0; t < terms.size(); t++) {
            FormulaTerm term = terms.get(t);
            if (term instanceof DummyTerm d) {
                addDummies(d, rows, subset(numericAll.get(t), rows), x, xNames, notes);
                for (int j = checkConstant.size(); j < x.size(); j++) {
                    checkConstant.add(false);
                    columnTerms.add(t);
                }
            } else {
                columnTerms.add(t);
                x.add(subset(numericAll.get(t), rows));
                xNames.add(term.text());
                checkConstant.add(true);
            }
        }

        int[][] feCodes = new int[feNames.length][];
        List<String[]> feLevels = new ArrayList<>();
        for (int k = 0; k < feNames.length; k++) {
            List<String> levels = new ArrayList<>();
            feCodes[k] = feKeys.get(k).denseCodes(rows, levels);
            feLevels.add(levels.toArray(String[]::new));
        }
        for (int j = 0; j < x.size(); j++) {
            if (checkConstant.get(j)) {
                requireVariation(xNames.get(j), x.get(j), feNames, feCodes, feLevels);
            }
        }

        int[][] clusterCodes = new int[clusterKeys.size()][];
        int[] clusterLevels = new int[clusterKeys.size()];
        for (int k = 0; k < clusterKeys.size(); k++) {
            List<String> levels = new ArrayList<>();
            clusterCodes[k] = clusterKeys.get(k).denseCodes(rows, levels);
            clusterLevels[k] = levels.size();
        }
        FixefK fixefK = fixefK(vcov.fixefK());
        VcovRequest request = switch (type) {
            case IID -> VcovRequest.iid().withFixefK(fixefK);
            case HETERO -> VcovRequest.hetero().withFixefK(fixefK);
            case CLUSTER -> VcovRequest.cluster(clusterCodes, clusterNames.toArray(String[]::new)).withFixefK(fixefK);
            case DRISCOLL_KRAAY -> {
                int[] time = new int[kept];
                for (int i = 0; i < kept; i++) {
                    time[i] = (int) timeAll[rows[i]];
                }
                yield VcovRequest.driscollKraay(time, vcov.lag() == null ? -1 : vcov.lag()).withFixefK(fixefK);
            }
        };

        double[][] endo = new double[endoAll.size()][];
        double[][] inst = new double[instAll.size()][];
        for (int j = 0; j < endo.length; j++) {
            endo[j] = subset(endoAll.get(j), rows);
        }
        for (int j = 0; j < inst.length; j++) {
            inst[j] = subset(instAll.get(j), rows);
        }
        Design design = new Design(subset(yAll, rows), yName, x.toArray(double[][]::new), xNames.toArray(String[]::new),
                feCodes, feNames, weightAll == null ? null : subset(weightAll, rows),
                endo, formula.endogenous().stream().map(Expression::text).toArray(String[]::new),
                inst, formula.instruments().stream().map(Expression::text).toArray(String[]::new));
        return new ModelFrame(formula, design, request, rows, candidates, candidates - kept, feLevels, clusterLevels,
                columnTerms.stream().mapToInt(Integer::intValue).toArray(), notes);
    }

    /** The variance type a spec asks for; {@code default} is clustering by the panel unit. */
    public static VcovType vcovType(VcovSpec vcov) {
        String t = vcov.type() == null ? "default" : vcov.type().toLowerCase();
        return switch (t) {
            case "default", "cluster", "clustered" -> VcovType.CLUSTER;
            case "iid", "standard", "homoskedastic" -> VcovType.IID;
            case "hetero", "hc1", "robust", "heteroskedastic" -> VcovType.HETERO;
            case "driscoll-kraay", "dk" -> VcovType.DRISCOLL_KRAAY;
            default -> throw new ModelFrameException(vcov.type(), "unknown vcov '" + vcov.type()
                    + "': use iid, hetero, {cluster: x}, {cluster: [x, y]} or {driscoll-kraay: {lag: L}}");
        };
    }

    public static FixefK fixefK(String text) {
        String t = text == null ? "nested" : text.toLowerCase().replace('_', '-');
        return switch (t) {
            case "nested" -> FixefK.NESTED;
            case "full" -> FixefK.FULL;
            case "none" -> FixefK.NONE;
            case "full-exact", "exact" -> FixefK.FULL_EXACT;
            default -> throw new ModelFrameException(text, "unknown fixef-k '" + text + "': use nested, full, none or full-exact");
        };
    }

    // ------------------------------------------------------------------ helpers

    private double[] product(InteractionTerm it) {
        double[] out = null;
        for (Expression f : it.factors()) {
            double[] v = evaluate(f);
            if (out == null) {
                out = v.clone();
            } else {
                for (int i = 0; i < out.length; i++) {
                    out[i] *= v[i];
                }
            }
        }
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    /** For i(var[, slope]): NaN where the key or the slope is missing, else the slope (or 1). */
    private double[] dummyInputs(DummyTerm d) {
        if (!panel.has(d.variable())) {
            throw new ModelFrameException(d.variable(), "term '" + d.text() + "': unknown column '" + d.variable() + "'");
        }
        String[] keys = panel.keys(d.variable());
        double[] slope = d.slope() == null ? null : evaluate(d.slope());
        double[] out = new double[keys.length];
        for (int i = 0; i < keys.length; i++) {
            out[i] = keys[i] == null ? Double.NaN : (slope == null ? 1.0 : slope[i]);
        }
        return out;
    }

    private void addDummies(DummyTerm d, int[] rows, double[] value, List<double[]> x, List<String> names,
                            List<String> notes) {
        String[] keys = panel.keys(d.variable());
        boolean numeric = panel.isNumeric(d.variable());
        TreeSet<String> levels = new TreeSet<>(numeric
                ? Comparator.comparingDouble(Double::parseDouble)
                : Comparator.<String>naturalOrder());
        for (int r : rows) {
            levels.add(keys[r]);
        }
        for (String ref : d.references()) {
            if (!levels.remove(ref)) {
                notes.add("reference level '" + ref + "' of " + d.text() + " does not occur in the sample");
            }
        }
        for (String level : levels) {
            double[] col = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                col[i] = level.equals(keys[rows[i]]) ? value[i] : 0.0;
            }
            x.add(col);
            names.add(d.levelName(level));
        }
    }

    private KeyCodes combinedKeys(List<String> columns, String role) {
        for (String c : columns) {
            if (!panel.has(c)) {
                throw new ModelFrameException(c, role + " '" + String.join("^", columns) + "': unknown column '" + c + "'");
            }
        }
        return keyCodes.computeIfAbsent(String.join("^", columns), k -> KeyCodes.of(panel, columns));
    }

    /**
     * The values of the sample's rows; when the sample is every row, the evaluated array itself (the engine only
     * reads a design's arrays, and an evaluated array is this builder's own copy), so a large panel is not copied
     * once more per term.
     */
    private static double[] subset(double[] v, int[] rows) {
        if (rows.length == v.length) {
            return v;
        }
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = v[rows[i]];
        }
        return out;
    }

    /** A term without variation in the sample, or constant within every level of a fixed effect, cannot be estimated. */
    private static void requireVariation(String term, double[] v, String[] feNames, int[][] feCodes, List<String[]> feLevels) {
        double scale = 0;
        for (double a : v) {
            scale = Math.max(scale, Math.abs(a));
        }
        double tolerance = 1e-12 * Math.max(scale, 1e-300);
        if (feCodes.length == 0) {
            double min = Arrays.stream(v).min().orElse(0);
            double max = Arrays.stream(v).max().orElse(0);
            if (max - min <= tolerance) {
                throw new ModelFrameException(term, "term '" + term + "' is constant in the sample (" + v.length
                        + " rows), so it is collinear with the intercept");
            }
            return;
        }
        for (int k = 0; k < feCodes.length; k++) {
            int levels = feLevels.get(k).length;
            double[] first = new double[levels];
            boolean[] seen = new boolean[levels];
            boolean varies = false;
            for (int i = 0; i < v.length && !varies; i++) {
                int c = feCodes[k][i];
                if (!seen[c]) {
                    seen[c] = true;
                    first[c] = v[i];
                } else if (Math.abs(v[i] - first[c]) > tolerance) {
                    varies = true;
                }
            }
            if (!varies) {
                throw new ModelFrameException(term, "term '" + term + "' is constant within every level of the fixed effect '"
                        + feNames[k] + "', so the fixed effect absorbs it");
            }
        }
    }

    private ModelFrameException noCompleteRows(int candidates, boolean[] sample, Map<String, double[]> used,
                                               String[] feNames, List<KeyCodes> feKeys) {
        if (candidates == 0) {
            return new ModelFrameException(null, "the sample is empty: no row of the panel is selected");
        }
        String worst = null;
        int worstMissing = -1;
        for (var e : used.entrySet()) {
            int missing = 0;
            for (int i = 0; i < e.getValue().length; i++) {
                if ((sample == null || sample[i]) && !Double.isFinite(e.getValue()[i])) {
                    missing++;
                }
            }
            if (missing > worstMissing) {
                worstMissing = missing;
                worst = e.getKey();
            }
        }
        for (int k = 0; k < feNames.length; k++) {
            int missing = 0;
            for (int i = 0; i < feKeys.get(k).rows(); i++) {
                if ((sample == null || sample[i]) && feKeys.get(k).code(i) < 0) {
                    missing++;
                }
            }
            if (missing > worstMissing) {
                worstMissing = missing;
                worst = feNames[k];
            }
        }
        return new ModelFrameException(worst, "all " + candidates + " rows have a missing or non-finite value; '"
                + worst + "' is missing in " + worstMissing + " of them");
    }
}
