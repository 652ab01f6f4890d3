package io.panelflow.estimation.study;

import io.panelflow.estimation.formula.ModelFrameBuilder;
import io.panelflow.frame.PanelFrame;
import io.panelflow.frame.formula.Formula;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.result.StudyResults;
import io.panelflow.model.spec.DidSpec;
import io.panelflow.model.spec.DmlSpec;
import io.panelflow.model.spec.HeterogeneitySpec;
import io.panelflow.model.spec.MechanismSpec;
import io.panelflow.model.spec.ModelSpec;
import io.panelflow.model.spec.RobustnessSpec;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.model.spec.ThresholdSpec;
import io.panelflow.model.spec.WildBootstrapSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a study's models on a panel and names the results as DESIGN.md says.
 *
 * <ul>
 *   <li>models: {@code id}, or {@code id/1 … id/K} with {@code stepwise: true} (column j = the first j
 *       regressor terms, all columns on the full model's sample);</li>
 *   <li>robustness: {@code robustness/<id>}, a variant of its {@code model} (default: the first model):
 *       a new {@code formula}, then {@code replace} (columns renamed everywhere), {@code addControls},
 *       {@code addFixedEffects} (e.g. {@code province^year}), {@code exclude} ({@code {column: [values]}}
 *       rows left out after every expression is evaluated on the whole panel), another {@code vcov};</li>
 *   <li>heterogeneity: {@code heterogeneity/<by>/<group>}, see {@link HeterogeneityAnalysis};</li>
 *   <li>mechanisms: {@code mechanism/<mediator>/<path>} and {@code mechanism/<moderator>/moderation}, see
 *       {@link MechanismAnalysis};</li>
 *   <li>staggered difference-in-differences: {@code did/<id>/<method>}, see {@link DidAnalysis};</li>
 *   <li>threshold models: {@code threshold/<id>}, see {@link ThresholdAnalysis};</li>
 *   <li>double machine learning: {@code dml/<id>}, see {@link DmlAnalysis}.</li>
 * </ul>
 * A model with {@code hausman: true} gives {@code <id>} (one-way fixed effects in its first fixed effect, with the
 * Hausman tests in diagnostics {@code hausman}) and {@code <id>/re} (Swamy–Arora random effects), see
 * {@link HausmanAnalysis}.
 * A model with {@code wild-bootstrap} gets a wild cluster bootstrap-t of its first regressor in every column
 * (diagnostics {@code wildBootstrap}, see {@link WildBootstrapInference}); robustness and other variants do not.
 *
 * A model of {@code models} that fails stops the run (its message names the model); a failing variant
 * (robustness, heterogeneity, mechanism, and each did method, threshold or dml analysis) is reported in the results' notes and the run continues.
 */
public final class StudyRunner {
    private StudyRunner() {
    }

    public static StudyResults run(PanelFrame panel, StudySpec spec) {
        return run(null, panel, spec);
    }

    public static StudyResults run(String runId, PanelFrame panel, StudySpec spec) {
        ModelFrameBuilder builder = new ModelFrameBuilder(panel);
        Map<String, ModelContext> models = new LinkedHashMap<>();
        List<ModelResult> results = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (ModelSpec m : spec.models()) {
            ModelContext ctx;
            try {
                ctx = ModelContext.of(m);
                if (m.hausman()) {
                    ModelContext oneWay = ctx.withFormula(HausmanAnalysis.oneWay(ctx, m.stepwise()));
                    models.put(m.id(), oneWay);
                    FittedModel f = ModelFitting.fit(builder, oneWay, null);
                    WildBootstrapInference.Outcome w = WildBootstrapInference.run(m.wildBootstrap(), f, ctx.options());
                    results.addAll(HausmanAnalysis.run(ctx, f, "baseline", w.diagnostics(), w.notes()));
                    continue;
                }
                models.put(m.id(), ctx);
                results.addAll(fitModel(builder, ctx, m.stepwise(), m.wildBootstrap()));
            } catch (RuntimeException e) {
                throw new StudyException("model '" + m.id() + "': " + e.getMessage(), e);
            }
        }
        Set<String> seen = new HashSet<>();
        for (RobustnessSpec r : spec.robustness()) {
            variant("robustness/" + r.id(), notes, () -> {
                ModelContext variant = robustnessVariant(base(models, r.model()), r);
                FittedModel f = ModelFitting.fit(builder, variant, exclusion(panel, r.exclude()));
                List<String> extra = new ArrayList<>();
                if (!r.exclude().isEmpty()) {
                    extra.add("Rows excluded: " + r.exclude() + ".");
                }
                results.add(ResultMapper.map("robustness/" + r.id(), "robustness", r.id(), f.frame(), f.estimate(),
                        Map.of("baseModel", variant.id()), extra));
            });
        }
        for (HeterogeneitySpec h : spec.heterogeneity()) {
            variant("heterogeneity/" + h.by(), notes,
                    () -> results.addAll(HeterogeneityAnalysis.run(builder, base(models, h.model()), h)));
        }
        for (MechanismSpec m : spec.mechanisms()) {
            String name = m.mediator() != null ? m.mediator() : m.moderator();
            variant("mechanism/" + name, notes,
                    () -> results.addAll(MechanismAnalysis.run(builder, base(models, m.model()), m)));
        }
        for (DidSpec d : spec.did()) {
            variant("did/" + d.id(), notes, () -> results.addAll(DidAnalysis.run(panel, d, notes::add)));
        }
        for (ThresholdSpec t : spec.threshold()) {
            variant("threshold/" + t.id(), notes, () -> results.add(ThresholdAnalysis.run(panel, t)));
        }
        for (DmlSpec d : spec.dml()) {
            variant("dml/" + d.id(), notes, () -> results.add(DmlAnalysis.run(panel, d)));
        }
        for (ModelResult r : results) {
            if (!seen.add(r.id())) {
                notes.add("Two results are named '" + r.id() + "'; give the variants distinct ids.");
            }
        }
        return new StudyResults(runId, results, notes);
    }

    private static List<ModelResult> fitModel(ModelFrameBuilder builder, ModelContext ctx, boolean stepwise,
                                              WildBootstrapSpec wild) {
        String group = ctx.formula().isInstrumental() ? "iv" : "baseline";
        if (!stepwise) {
            FittedModel f = ModelFitting.fit(builder, ctx, null);
            WildBootstrapInference.Outcome w = WildBootstrapInference.run(wild, f, ctx.options());
            return List.of(ResultMapper.map(ctx.id(), group, ctx.title(), f.frame(), f.estimate(),
                    w.diagnostics(), w.notes()));
        }
        List<FittedModel> columns = ModelFitting.stepwise(builder, ctx);
        List<ModelResult> out = new ArrayList<>();
        for (int j = 0; j < columns.size(); j++) {
            FittedModel f = columns.get(j);
            WildBootstrapInference.Outcome w = WildBootstrapInference.run(wild, f, ctx.options());
            Map<String, Object> diagnostics = new LinkedHashMap<>();
            diagnostics.put("stepwise", Map.of("column", j + 1, "of", columns.size()));
            diagnostics.putAll(w.diagnostics());
            List<String> notes = new ArrayList<>();
            notes.add("Stepwise column " + (j + 1) + " of " + columns.size() + ": estimated on the sample of the full model.");
            notes.addAll(w.notes());
            out.add(ResultMapper.map(ctx.id() + "/" + (j + 1), group, "(" + (j + 1) + ")", f.frame(), f.estimate(),
                    diagnostics, notes));
        }
        return out;
    }

    static ModelContext robustnessVariant(ModelContext base, RobustnessSpec r) {
        ModelContext ctx = base;
        if (r.formula() != null && !r.formula().isBlank()) {
            ctx = ctx.withFormula(Formula.parse(r.formula()));
        }
        Formula f = ctx.formula();
        if (!r.replace().isEmpty()) {
            f = f.renameColumns(r.replace());
        }
        if (!r.addControls().isEmpty()) {
            f = f.withAddedRegressors(r.addControls());
        }
        if (!r.addFixedEffects().isEmpty()) {
            f = f.withAddedFixedEffects(r.addFixedEffects());
        }
        return ctx.withFormula(f).withVcov(r.vcov());
    }

    /** Rows kept: those whose value of each listed column is not among the excluded values; null = all. */
    static boolean[] exclusion(PanelFrame panel, Map<String, List<String>> exclude) {
        if (exclude.isEmpty()) {
            return null;
        }
        boolean[] keep = new boolean[panel.rows()];
        java.util.Arrays.fill(keep, true);
        for (var e : exclude.entrySet()) {
            if (!panel.has(e.getKey())) {
                throw new IllegalArgumentException("exclude: unknown column '" + e.getKey() + "'");
            }
            Set<String> values = new HashSet<>(e.getValue());
            String[] keys = panel.keys(e.getKey());
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != null && values.contains(keys[i])) {
                    keep[i] = false;
                }
            }
        }
        return keep;
    }

    private static ModelContext base(Map<String, ModelContext> models, String id) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("the study has no model to vary");
        }
        if (id == null || id.isBlank()) {
            return models.values().iterator().next();
        }
        ModelContext m = models.get(id);
        if (m == null) {
            throw new IllegalArgumentException("no model with id '" + id + "'");
        }
        return m;
    }

    private static void variant(String name, List<String> notes, Runnable body) {
        try {
            body.run();
        } catch (RuntimeException e) {
            notes.add(name + " could not be estimated: " + e.getMessage());
        }
    }
}
