package io.panelflow.report.replication;

import io.panelflow.model.result.ModelResult;
import io.panelflow.model.result.StudyResults;
import io.panelflow.model.spec.DidSpec;
import io.panelflow.model.spec.HeterogeneitySpec;
import io.panelflow.model.spec.MechanismSpec;
import io.panelflow.model.spec.ModelSpec;
import io.panelflow.model.spec.RobustnessSpec;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.model.spec.VcovSpec;
import io.panelflow.model.result.Coefficient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The models of a run that the replication scripts re-estimate, resolved from the run's results (which
 * formula and variance each result id used) and its spec (samples, weights, singletons, the DID entries):
 *
 * <ul>
 *   <li>{@code <model>} and stepwise {@code <model>/<j>} (every column on the full model's rows);</li>
 *   <li>{@code robustness/<id>} (the result's formula and variance, the entry's {@code exclude});</li>
 *   <li>{@code heterogeneity/<by>/<group>} (the group's rows: a value, or the quantile interval the result
 *       records);</li>
 *   <li>{@code mechanism/<m>/total|a|direct} (on the direct model's rows) and {@code mechanism/<z>/moderation};</li>
 *   <li>{@code did/<id>/twfe|event-study|sun-abraham|callaway-santanna}.</li>
 * </ul>
 * Not replicated (listed with the reason): random effects ({@code <model>/re}), threshold and DML results.
 */
public record ReplicationPlan(String unit, String time, List<ReplicatedModel> models, List<Skipped> skipped) {

    public record Skipped(String id, String reason) {
    }

    public static ReplicationPlan of(StudySpec spec, StudyResults results) {
        List<ReplicatedModel> models = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        boolean groupLevel = spec.estimation() != null && spec.estimation().groupLevel();
        String unit = groupLevel ? spec.panel().group() : spec.panel().unit();
        String time = spec.panel().time();
        for (ModelResult r : results.models()) {
            try {
                ReplicatedModel m = resolve(spec, r, results);
                if (m == null) {
                    skipped.add(new Skipped(r.id(), reasonNotReplicated(r)));
                } else {
                    models.add(m);
                }
            } catch (RuntimeException e) {
                skipped.add(new Skipped(r.id(), "its spec entry could not be matched: " + e.getMessage()));
            }
        }
        return new ReplicationPlan(unit, time, models, skipped);
    }

    private static String reasonNotReplicated(ModelResult r) {
        if (r.id().startsWith("threshold/")) {
            return "Hansen's panel threshold model has no fixest counterpart (Stata: xthreg)";
        }
        if (r.id().startsWith("dml/")) {
            return "double machine learning is not a fixed-effects regression (R: DoubleML)";
        }
        if (r.id().endsWith("/re")) {
            return "random effects (R: plm(model = \"random\"), Stata: xtreg, re)";
        }
        return "not a fixed-effects regression";
    }

    private static ReplicatedModel resolve(StudySpec spec, ModelResult r, StudyResults all) {
        String id = r.id();
        List<String> terms = r.coefficients().stream().map(Coefficient::term).toList();
        if (id.startsWith("robustness/")) {
            RobustnessSpec rs = spec.robustness().stream().filter(x -> id.equals("robustness/" + x.id())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no robustness entry " + id));
            ModelSpec base = base(spec, rs.model());
            SampleRule sample = rs.exclude().isEmpty() ? new SampleRule.AllRows() : new SampleRule.Excluding(rs.exclude());
            VcovSpec v = rs.vcov() != null ? rs.vcov() : base.vcov();
            return fe(r, v, base, sample, terms);
        }
        if (id.startsWith("heterogeneity/")) {
            Map<?, ?> group = r.diagnostics().get("group") instanceof Map<?, ?> g ? g : Map.of();
            String by = String.valueOf(group.get("by"));
            String name = String.valueOf(group.get("name"));
            HeterogeneitySpec hs = spec.heterogeneity().stream().filter(h -> h.by().equals(by)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no heterogeneity entry by " + by));
            ModelSpec base = base(spec, hs.model());
            SampleRule sample;
            if (group.get("lower") instanceof Number lower && group.get("upper") instanceof Number upper) {
                boolean first = name.equals("Q1") || name.equals("below-median");
                boolean last = name.equals("Q4") || name.equals("above-median");
                sample = new SampleRule.Interval(by, first ? null : lower.doubleValue(), last ? null : upper.doubleValue());
            } else {
                sample = new SampleRule.ValueGroup(by, name);
            }
            return fe(r, base.vcov(), base, sample, terms);
        }
        if (id.startsWith("mechanism/")) {
            String[] parts = id.split("/");
            String name = parts[1];
            String path = parts[parts.length - 1];
            MechanismSpec ms = spec.mechanisms().stream()
                    .filter(m -> name.equals(m.mediator()) || name.equals(m.moderator())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no mechanism entry " + name));
            ModelSpec base = base(spec, ms.model());
            SampleRule sample = new SampleRule.AllRows();
            if (!path.equals("moderation")) {
                // the three mediation paths share the rows of the direct model Y ~ X + M + controls
                String direct = "mechanism/" + name + "/direct";
                if (!path.equals("direct")) {
                    sample = new SampleRule.SameRowsAs(directFormula(all, direct), new SampleRule.AllRows());
                }
            }
            return fe(r, base.vcov(), base, sample, terms);
        }
        if (id.startsWith("did/")) {
            String[] parts = id.split("/");
            String method = parts[parts.length - 1];
            String didId = id.substring("did/".length(), id.length() - method.length() - 1);
            DidSpec ds = spec.did().stream().filter(d -> d.id().equals(didId)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no did entry " + didId));
            ReplicatedModel.Kind kind = switch (method) {
                case "twfe", "event-study" -> ReplicatedModel.Kind.DID_REGRESSION;
                case "sun-abraham" -> ReplicatedModel.Kind.SUN_ABRAHAM;
                case "callaway-santanna" -> ReplicatedModel.Kind.CALLAWAY_SANTANNA;
                default -> throw new IllegalArgumentException("unknown DID method " + method);
            };
            String fixefK = ds.vcov() == null ? "nested" : ds.vcov().fixefK();
            return new ReplicatedModel(id, kind, kind == ReplicatedModel.Kind.CALLAWAY_SANTANNA ? null : r.formula(),
                    r.vcov(), fixefK, null, false, new SampleRule.AllRows(), ds, terms);
        }
        if (id.startsWith("threshold/") || id.startsWith("dml/") || id.endsWith("/re")) {
            return null;
        }
        // a model of `models`, or one of its stepwise columns
        String modelId = id;
        boolean stepwiseColumn = false;
        int slash = id.lastIndexOf('/');
        if (slash > 0 && id.substring(slash + 1).matches("\\d+")) {
            String candidate = id.substring(0, slash);
            if (spec.models().stream().anyMatch(m -> m.id().equals(candidate) && m.stepwise())) {
                modelId = candidate;
                stepwiseColumn = true;
            }
        }
        String mid = modelId;
        ModelSpec ms = spec.models().stream().filter(m -> m.id().equals(mid)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model " + mid));
        SampleRule sample = new SampleRule.AllRows();
        if (stepwiseColumn) {
            // every column on the rows of the full model (the model's own formula; hausman models have no stepwise)
            sample = new SampleRule.SameRowsAs(ms.formula(), new SampleRule.AllRows());
        }
        return fe(r, ms.vcov(), ms, sample, terms);
    }

    /** The formula of the mediation's direct model Y ~ X + M + controls, whose rows the three paths share. */
    private static String directFormula(StudyResults all, String directId) {
        return all.models().stream().filter(m -> m.id().equals(directId)).map(ModelResult::formula).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the direct model " + directId + " is not in the results"));
    }

    private static ReplicatedModel fe(ModelResult r, VcovSpec v, ModelSpec base, SampleRule sample, List<String> terms) {
        String fixefK = v == null ? "nested" : v.fixefK();
        boolean drop = "drop".equalsIgnoreCase(base.singletons());
        return new ReplicatedModel(r.id(), ReplicatedModel.Kind.FIXED_EFFECTS, r.formula(), r.vcov(), fixefK,
                base.weights(), drop, sample, null, terms);
    }

    private static ModelSpec base(StudySpec spec, String id) {
        if (spec.models().isEmpty()) {
            throw new IllegalArgumentException("the study has no model");
        }
        if (id == null || id.isBlank()) {
            return spec.models().get(0);
        }
        return spec.models().stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model " + id));
    }
}
