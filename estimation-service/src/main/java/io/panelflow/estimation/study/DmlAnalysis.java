package io.panelflow.estimation.study;

import io.panelflow.estimation.engine.FixedEffectsProjector;
import io.panelflow.estimation.dml.DmlException;
import io.panelflow.estimation.dml.DmlResult;
import io.panelflow.estimation.dml.GradientBoostingLearner;
import io.panelflow.estimation.dml.RandomForestLearner;
import io.panelflow.estimation.dml.RepeatedCrossFitting;
import io.panelflow.estimation.dml.LassoLearner;
import io.panelflow.estimation.dml.NuisanceLearner;
import io.panelflow.estimation.dml.OlsLearner;
import io.panelflow.estimation.dml.PartiallyLinearDml;
import io.panelflow.frame.PanelFrame;
import io.panelflow.model.result.Coefficient;
import io.panelflow.model.result.DroppedRows;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.result.VcovInfo;
import io.panelflow.model.spec.DmlSpec;
import org.apache.commons.math3.random.MersenneTwister;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A double machine learning section of the spec: the partially linear model by {@link PartiallyLinearDml}
 * (DML2, partialling out), result {@code dml/<id>}, group {@code dml}, one coefficient named by the
 * treatment. Folds: with {@code by: unit} (default) the units are shuffled by MT19937 seeded with the spec's
 * seed (Fisher–Yates, units in order of first appearance) and dealt to folds 1..K in turn, so that all rows of
 * a unit share a fold; with {@code by: row} the rows are dealt the same way; with a cluster variance the clusters
 * are dealt (DoubleML's cluster sample splitting); a {@code fold-column} gives the folds instead. Repetitions draw
 * their folds one after another from the same seeded stream (the first is the single-split assignment). The same
 * seed gives the same folds.
 */
final class DmlAnalysis {
    static final String GROUP = "dml";

    private DmlAnalysis() {
    }

    static ModelResult run(PanelFrame panel, DmlSpec spec) {
        List<String> expressions = new ArrayList<>(List.of(spec.outcome(), spec.treatment()));
        expressions.addAll(spec.controls());
        if (spec.foldColumn() != null) {
            expressions.add(spec.foldColumn());
        }
        int dropped = 0;
        PanelFrame used = panel;
        if (spec.cluster() != null) {
            used = completeCases(panel, expressions, spec.cluster());
            dropped = panel.rows() - used.rows();
        }
        AnalysisColumns c = AnalysisColumns.of(used, expressions);
        dropped += c.dropped();
        if (c.rows() == 0) {
            throw new DmlException("no row has every variable of the model");
        }
        int controls = spec.controls().size();
        double[][] within = within(c, spec.fixedEffects());
        double[][] x = new double[controls][];
        for (int j = 0; j < x.length; j++) {
            x[j] = within[2 + j];
        }
        int[] cluster = null;
        int clusterCount = 0;
        if (spec.cluster() != null) {
            String[] keys = used.keys(spec.cluster());
            Map<String, Integer> codes = new LinkedHashMap<>();
            cluster = new int[keys.length];
            for (int i = 0; i < keys.length; i++) {
                cluster[i] = codes.computeIfAbsent(keys[i], k -> codes.size());
            }
            clusterCount = codes.size();
        }
        String foldsBy;
        List<int[]> splits = new ArrayList<>();
        if (spec.foldColumn() != null) {
            double[] given = c.columns()[2 + controls];
            int[] fold = new int[given.length];
            for (int i = 0; i < given.length; i++) {
                if (given[i] != Math.rint(given[i]) || Math.abs(given[i]) > Integer.MAX_VALUE) {
                    throw new DmlException("the fold column '" + spec.foldColumn() + "' holds " + given[i]
                            + ", not a whole number");
                }
                fold[i] = (int) given[i];
            }
            splits.add(fold);
            foldsBy = "column " + spec.foldColumn();
        } else {
            boolean byCluster = cluster != null;
            boolean byUnit = !byCluster && !"row".equals(spec.by());
            int[] entity = byCluster ? cluster : byUnit ? c.unit() : identity(c.rows());
            int entities = byCluster ? clusterCount : byUnit ? c.units() : c.rows();
            MersenneTwister rng = new MersenneTwister(spec.seed());
            for (int r = 0; r < spec.repeats(); r++) {
                splits.add(folds(entity, entities, spec.folds(), rng));
            }
            foldsBy = byCluster ? "cluster" : byUnit ? "unit" : "row";
        }
        NuisanceLearner learner = learner(spec);
        List<DmlResult> repetitions = new ArrayList<>();
        for (int[] fold : splits) {
            repetitions.add(PartiallyLinearDml.fit(within[0], within[1], x, fold, cluster, learner, learner, 0.95));
        }
        DmlResult first = repetitions.get(0);
        RepeatedCrossFitting agg = RepeatedCrossFitting.aggregate(repetitions, 0.95);

        String treatment = c.names().get(1);
        List<String> controlNames = c.names().subList(2, 2 + controls);
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        diagnostics.put("learner", learner.name());
        diagnostics.put("folds", first.folds().count());
        diagnostics.put("foldsBy", foldsBy);
        if (spec.foldColumn() == null) {
            diagnostics.put("seed", spec.seed());
        }
        diagnostics.put("fixedEffects", spec.fixedEffects());
        diagnostics.put("repeats", repetitions.size());
        if (repetitions.size() == 1) {
            diagnostics.put("thetaDml1", first.thetaDml1());
            diagnostics.put("rmseOutcome", first.rmseL());
            diagnostics.put("rmseTreatment", first.rmseM());
        } else {
            diagnostics.put("thetaRepetitions", agg.thetas());
            diagnostics.put("seRepetitions", agg.ses());
            diagnostics.put("seUpperBoundMedian", agg.seUpperBoundMedian());
        }
        if (cluster != null) {
            diagnostics.put("cluster", spec.cluster());
            diagnostics.put("clusters", clusterCount);
        }
        diagnostics.put("controls", controlNames);
        List<String> notes = new ArrayList<>();
        String split = spec.foldColumn() != null
                ? first.folds().count() + "-fold cross-fitting on the folds of column " + spec.foldColumn()
                : spec.folds() + "-fold cross-fitting (folds by " + foldsBy + ", seed " + spec.seed() + ")";
        notes.add("Double machine learning, partially linear model: " + c.names().get(0) + " = theta * " + treatment
                + " + g(controls) + e, " + split + ", " + withinNote(spec.fixedEffects()) + "learner "
                + learner.name() + " for both nuisance functions; DML2 estimate with "
                + (cluster == null ? "the heteroskedasticity-robust score variance"
                : "the score variance clustered by " + spec.cluster() + " (" + clusterCount + " clusters)")
                + " and normal inference.");
        if (repetitions.size() > 1) {
            notes.add("Cross-fitting repeated " + repetitions.size() + " times with new random folds: theta is the "
                    + "median of the repetitions, its standard error sqrt(median(S se_r^2 + (theta_r - theta)^2) / S), "
                    + "S = " + (cluster == null ? "n" : "G") + " (DoubleML's median aggregation).");
        }
        if (dropped > 0) {
            notes.add(dropped + " observation(s) removed because of missing or non-finite values.");
        }
        VcovInfo vcov = cluster == null
                ? new VcovInfo("hetero", List.of(), List.of(), null,
                "mean(psi^2)/J^2/n from the cross-fitted score, no small-sample factor; normal quantiles")
                : new VcovInfo("cluster", List.of(spec.cluster()), List.of(clusterCount), null,
                "DoubleML's cluster-robust score variance Gamma/(G J^2), no small-sample factor; normal quantiles");
        return new ModelResult("dml/" + spec.id(), GROUP, "DML (" + learner.name() + ")",
                c.names().get(0) + " ~ " + treatment + " + g(" + String.join(", ", controlNames) + ")",
                c.names().get(0), c.rows(), new DroppedRows(dropped, 0), List.of(), vcov,
                List.of(new Coefficient(treatment, agg.theta(), agg.se(), agg.t(), agg.p(), agg.ciLow(), agg.ciHigh())),
                null, null, null, null, diagnostics, notes);
    }

    /** The learner the spec names, with its settings; the tree learners take the spec's seed. */
    static NuisanceLearner learner(DmlSpec spec) {
        return switch (spec.learner()) {
            case "ols" -> new OlsLearner();
            case "random-forest" -> new RandomForestLearner(spec.trees(), spec.maxDepth(), spec.minNodeSize(), spec.seed());
            case "gradient-boosting" -> new GradientBoostingLearner(spec.trees(), spec.maxDepth(), spec.learningRate(),
                    spec.minNodeSize(), spec.seed());
            default -> new LassoLearner(spec.lambda());
        };
    }

    /** The rows with a known unit, a finite value of every expression and a known cluster. */
    private static PanelFrame completeCases(PanelFrame panel, List<String> expressions, String cluster) {
        boolean[] keep = new boolean[panel.rows()];
        String[] units = panel.unitKeys();
        String[] clusters = panel.keys(cluster);
        for (int i = 0; i < keep.length; i++) {
            keep[i] = units[i] != null && clusters[i] != null;
        }
        for (String e : expressions) {
            double[] v = io.panelflow.frame.expr.Expression.parse(e).evaluate(panel);
            for (int i = 0; i < keep.length; i++) {
                keep[i] &= Double.isFinite(v[i]);
            }
        }
        return panel.filter(keep);
    }

    /**
     * The columns after the within transformation the spec asks for: demeaned by unit and time
     * ({@code two-way}, by the engine's fixed-effect projector), by unit, or unchanged ({@code none}).
     * The partially linear model then holds for the within-transformed panel, as in a two-way FE model.
     */
    static double[][] within(AnalysisColumns c, String fixedEffects) {
        if ("none".equals(fixedEffects)) {
            return c.columns();
        }
        int[][] codes = "unit".equals(fixedEffects) ? new int[][]{c.unit()} : new int[][]{c.unit(), dense(c.time())};
        FixedEffectsProjector projector = new FixedEffectsProjector(codes, null, 1e-12, 100_000);
        double[][] out = new double[c.columns().length][];
        for (int j = 0; j < out.length; j++) {
            out[j] = projector.demean(c.columns()[j]);
        }
        return out;
    }

    private static String withinNote(String fixedEffects) {
        return switch (fixedEffects) {
            case "none" -> "";
            case "unit" -> "all variables demeaned by unit first; ";
            default -> "all variables demeaned by unit and time first (two-way within transformation); ";
        };
    }

    private static int[] dense(int[] values) {
        Map<Integer, Integer> seen = new LinkedHashMap<>();
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = seen.computeIfAbsent(values[i], v -> seen.size());
        }
        return out;
    }

    /** Fold label 1..K of each row: its entity (unit or row) shuffled with the seed and dealt to the folds in turn. */
    static int[] folds(int[] entity, int entities, int k, long seed) {
        return folds(entity, entities, k, new MersenneTwister(seed));
    }

    /** As {@link #folds(int[], int, int, long)}, drawing from {@code rng} (repetitions continue one stream). */
    static int[] folds(int[] entity, int entities, int k, MersenneTwister rng) {
        if (entities < k) {
            throw new DmlException(k + " folds need at least " + k + " " + "units, clusters or rows, found " + entities);
        }
        int[] order = identity(entities);
        for (int i = entities - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] foldOf = new int[entities];
        for (int pos = 0; pos < entities; pos++) {
            foldOf[order[pos]] = pos % k + 1;
        }
        int[] out = new int[entity.length];
        for (int i = 0; i < entity.length; i++) {
            out[i] = foldOf[entity[i]];
        }
        return out;
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }
}
