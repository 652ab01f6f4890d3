package io.panelflow.estimation.study;

import io.panelflow.estimation.engine.FixedEffectsProjector;
import io.panelflow.estimation.dml.DmlException;
import io.panelflow.estimation.dml.DmlResult;
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
 * a unit share a fold; with {@code by: row} the rows are dealt the same way. The same seed gives the same folds.
 */
final class DmlAnalysis {
    static final String GROUP = "dml";

    private DmlAnalysis() {
    }

    static ModelResult run(PanelFrame panel, DmlSpec spec) {
        List<String> expressions = new ArrayList<>(List.of(spec.outcome(), spec.treatment()));
        expressions.addAll(spec.controls());
        AnalysisColumns c = AnalysisColumns.of(panel, expressions);
        if (c.rows() == 0) {
            throw new DmlException("no row has every variable of the model");
        }
        double[][] within = within(c, spec.fixedEffects());
        double[][] x = new double[spec.controls().size()][];
        for (int j = 0; j < x.length; j++) {
            x[j] = within[2 + j];
        }
        boolean byUnit = !"row".equals(spec.by());
        int[] fold = folds(byUnit ? c.unit() : identity(c.rows()), byUnit ? c.units() : c.rows(), spec.folds(), spec.seed());
        NuisanceLearner learner = "ols".equals(spec.learner()) ? new OlsLearner() : new LassoLearner(spec.lambda());
        DmlResult r = PartiallyLinearDml.fit(within[0], within[1], x, fold, learner, learner, 0.95);

        String treatment = c.names().get(1);
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        diagnostics.put("learner", learner.name());
        diagnostics.put("folds", spec.folds());
        diagnostics.put("foldsBy", byUnit ? "unit" : "row");
        diagnostics.put("seed", spec.seed());
        diagnostics.put("fixedEffects", spec.fixedEffects());
        diagnostics.put("thetaDml1", r.thetaDml1());
        diagnostics.put("rmseOutcome", r.rmseL());
        diagnostics.put("rmseTreatment", r.rmseM());
        diagnostics.put("controls", c.names().subList(2, c.names().size()));
        List<String> notes = new ArrayList<>();
        notes.add("Double machine learning, partially linear model: " + c.names().get(0) + " = theta * " + treatment
                + " + g(controls) + e, " + spec.folds() + "-fold cross-fitting (folds by " + (byUnit ? "unit" : "row")
                + ", seed " + spec.seed() + "), " + withinNote(spec.fixedEffects()) + "learner " + learner.name() + " for both nuisance functions; DML2 estimate "
                + "with the heteroskedasticity-robust score variance and normal inference.");
        if (c.dropped() > 0) {
            notes.add(c.dropped() + " observation(s) removed because of missing or non-finite values.");
        }
        return new ModelResult("dml/" + spec.id(), GROUP, "DML (" + learner.name() + ")",
                c.names().get(0) + " ~ " + treatment + " + g(" + String.join(", ", c.names().subList(2, c.names().size()))
                        + ")", c.names().get(0), c.rows(), new DroppedRows(c.dropped(), 0), List.of(),
                new VcovInfo("hetero", List.of(), List.of(), null,
                        "mean(psi^2)/J^2/n from the cross-fitted score, no small-sample factor; normal quantiles"),
                List.of(new Coefficient(treatment, r.theta(), r.se(), r.t(), r.p(), r.ciLow(), r.ciHigh())),
                null, null, null, null, diagnostics, notes);
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
        if (entities < k) {
            throw new DmlException(k + " folds need at least " + k + " " + "units or rows, found " + entities);
        }
        int[] order = identity(entities);
        MersenneTwister rng = new MersenneTwister(seed);
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
