package io.panelflow.estimation.study;

import io.panelflow.estimation.engine.Design;
import io.panelflow.estimation.engine.Distributions;
import io.panelflow.estimation.engine.EstimationOptions;
import io.panelflow.estimation.engine.Estimate;
import io.panelflow.estimation.engine.FixedEffectsRegression;
import io.panelflow.estimation.engine.VcovRequest;
import io.panelflow.estimation.engine.VcovType;
import io.panelflow.estimation.formula.ModelFrame;
import io.panelflow.estimation.formula.ModelFrameBuilder;
import io.panelflow.frame.expr.Expression;
import io.panelflow.frame.formula.ExpressionTerm;
import io.panelflow.frame.formula.Formula;
import io.panelflow.frame.formula.FormulaTerm;
import io.panelflow.frame.formula.InteractionTerm;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.spec.MechanismSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mechanism tests of a base model {@code Y ~ X + controls | FE}, X its first regressor (or the spec's
 * {@code treatment}).
 *
 * <p>Mediation through M: {@code mechanism/<M>/total} (c: Y ~ X + controls), {@code mechanism/<M>/a}
 * (a: M ~ X + controls), {@code mechanism/<M>/direct} (c' and b: Y ~ X + M + controls), all on the same
 * rows (complete in Y, X, M and the controls) so that a·b = c − c' for OLS. In the diagnostics of the
 * direct model, {@code mediation}: indirect effect a·b; first-order Sobel
 * {@code z = a·b / √(b² se_a² + a² se_b²)} with the models' own (e.g. clustered) standard errors and
 * {@code p = 2(1 − Φ(|z|))}; proportion mediated a·b / c; and a percentile 95% interval of a·b from a
 * pairs cluster bootstrap ({@code bootstrap} draws, default 500; {@code seed} default 20240101; clusters =
 * the model's first cluster variable, else the panel unit; type-7 quantiles 0.025 and 0.975).
 *
 * <p>Moderation by Z: {@code mechanism/<Z>/moderation}, {@code Y ~ X + Z + X:Z + controls | FE}.
 */
final class MechanismAnalysis {
    static final int DEFAULT_BOOTSTRAP = 500;
    static final long DEFAULT_SEED = 20240101L;

    private MechanismAnalysis() {
    }

    static List<ModelResult> run(ModelFrameBuilder builder, ModelContext base, MechanismSpec spec) {
        if (base.formula().isInstrumental()) {
            throw new IllegalArgumentException("mechanism analysis needs an OLS base model, '" + base.id() + "' is IV");
        }
        List<ModelResult> out = new ArrayList<>();
        Treatment t = treatment(base.formula(), spec.treatment());
        if (spec.mediator() != null && !spec.mediator().isBlank()) {
            out.addAll(mediation(builder, base, t, spec));
        }
        if (spec.moderator() != null && !spec.moderator().isBlank()) {
            out.add(moderation(builder, base, t, spec.moderator()));
        }
        return out;
    }

    private record Treatment(Expression expression, List<FormulaTerm> controls) {
    }

    private static Treatment treatment(Formula f, String named) {
        List<FormulaTerm> controls = new ArrayList<>(f.regressors());
        if (named == null || named.isBlank()) {
            if (controls.isEmpty() || !(controls.get(0) instanceof ExpressionTerm first)) {
                throw new IllegalArgumentException("the base model's first regressor must be a numeric term for a mechanism test");
            }
            controls.remove(0);
            return new Treatment(first.expression(), controls);
        }
        Expression x = Expression.parse(named);
        controls.removeIf(c -> c.text().equals(x.text()));
        return new Treatment(x, controls);
    }

    /** The terms in order, a term repeated later (same text) kept once, where it first appears. */
    private static List<FormulaTerm> terms(Object... parts) {
        List<FormulaTerm> all = new ArrayList<>();
        List<FormulaTerm> out = all;
        for (Object p : parts) {
            if (p instanceof Expression e) {
                out.add(new ExpressionTerm(e));
            } else if (p instanceof FormulaTerm t) {
                out.add(t);
            } else {
                @SuppressWarnings("unchecked")
                List<FormulaTerm> list = (List<FormulaTerm>) p;
                out.addAll(list);
            }
        }
        Map<String, FormulaTerm> unique = new LinkedHashMap<>();
        all.forEach(t -> unique.putIfAbsent(t.text(), t));
        return new ArrayList<>(unique.values());
    }

    private static List<ModelResult> mediation(ModelFrameBuilder builder, ModelContext base, Treatment t, MechanismSpec spec) {
        Expression m = Expression.parse(spec.mediator());
        String mName = m.text();
        String xName = t.expression().text();
        if (t.controls().stream().anyMatch(c -> c.text().equals(mName))) {
            throw new IllegalArgumentException("the mediator '" + mName + "' is already a regressor of '" + base.id() + "'");
        }
        Formula f = base.formula();
        ModelContext direct = base.withFormula(f.withRegressors(terms(t.expression(), m, t.controls())));
        ModelFrame directFrame = builder.build(direct.formula(), direct.vcov(), null, direct.weights());
        boolean[] sample = new boolean[builder.panel().rows()];
        for (int r : directFrame.rows()) {
            sample[r] = true;
        }
        ModelContext total = base.withFormula(f.withRegressors(terms(t.expression(), t.controls())));
        ModelContext aPath = base.withFormula(f.withDependent(m).withRegressors(terms(t.expression(), t.controls())));
        FittedModel totalFit = ModelFitting.fit(builder, total, sample);
        FittedModel aFit = ModelFitting.fit(builder, aPath, sample);
        Estimate directEstimate = FixedEffectsRegression.fit(directFrame.design(), directFrame.vcov(), direct.options());

        double c = coefficient(totalFit.estimate(), xName);
        double a = coefficient(aFit.estimate(), xName);
        double seA = aFit.estimate().stdErrors()[aFit.estimate().indexOf(xName)];
        double b = coefficient(directEstimate, mName);
        double seB = directEstimate.stdErrors()[directEstimate.indexOf(mName)];
        double cPrime = coefficient(directEstimate, xName);
        double indirect = a * b;
        double sobelSe = Math.sqrt(b * b * seA * seA + a * a * seB * seB);
        double z = indirect / sobelSe;
        Map<String, Object> mediation = new LinkedHashMap<>();
        mediation.put("treatment", xName);
        mediation.put("mediator", mName);
        mediation.put("a", a);
        mediation.put("seA", seA);
        mediation.put("b", b);
        mediation.put("seB", seB);
        mediation.put("cTotal", c);
        mediation.put("cPrimeDirect", cPrime);
        mediation.put("indirect", indirect);
        mediation.put("sobelSe", sobelSe);
        mediation.put("sobelZ", z);
        mediation.put("sobelP", Distributions.twoSidedNormal(z));
        mediation.put("proportionMediated", indirect / c);
        mediation.put("sobelConvention", "z = a*b / sqrt(b^2 se_a^2 + a^2 se_b^2) (first order), p = 2(1 - Phi(|z|)),"
                + " standard errors from each model's vcov");
        mediation.put("bootstrap", bootstrap(builder, aFit.frame(), directFrame, xName, mName, direct.options(), spec));

        String prefix = "mechanism/" + mName + "/";
        List<ModelResult> out = new ArrayList<>();
        String sameSample = "Estimated on the rows complete in the dependent variable, treatment, mediator and controls"
                + " (the same rows for all three paths).";
        out.add(ResultMapper.map(prefix + "total", "mechanism", "total effect c", totalFit.frame(), totalFit.estimate(),
                null, List.of(sameSample)));
        out.add(ResultMapper.map(prefix + "a", "mechanism", "path a: mediator on treatment", aFit.frame(),
                aFit.estimate(), null, List.of(sameSample)));
        out.add(ResultMapper.map(prefix + "direct", "mechanism", "direct effect c' and path b", directFrame,
                directEstimate, Map.of("mediation", mediation), List.of(sameSample)));
        return out;
    }

    private static Map<String, Object> bootstrap(ModelFrameBuilder builder, ModelFrame aFrame, ModelFrame directFrame,
                                                 String xName, String mName, EstimationOptions options, MechanismSpec spec) {
        int draws = spec.bootstrap() == null ? DEFAULT_BOOTSTRAP : spec.bootstrap();
        long seed = spec.seed() == null ? DEFAULT_SEED : spec.seed();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("draws", draws);
        out.put("seed", seed);
        if (draws <= 0) {
            return out;
        }
        int[] cluster;
        String clusterName;
        if (directFrame.vcov().type() == VcovType.CLUSTER) {
            cluster = directFrame.vcov().clusters()[0];
            clusterName = directFrame.vcov().clusterNames()[0];
        } else {
            String[] units = builder.panel().unitKeys();
            Map<String, Integer> codes = new HashMap<>();
            cluster = new int[directFrame.rows().length];
            for (int i = 0; i < cluster.length; i++) {
                cluster[i] = codes.computeIfAbsent(units[directFrame.rows()[i]], k -> codes.size());
            }
            clusterName = builder.panel().unitColumn();
        }
        int[] levels = directFrame.fixedEffectLevels().stream().mapToInt(l -> l.length).toArray();
        ClusterBootstrap sampler = new ClusterBootstrap(cluster, seed);
        double[] ab = new double[draws];
        int ok = 0;
        for (int r = 0; r < draws; r++) {
            ClusterBootstrap.Draw draw = sampler.next();
            try {
                Design ad = sampler.resample(aFrame.design(), draw, levels);
                Design dd = sampler.resample(directFrame.design(), draw, levels);
                Estimate ae = FixedEffectsRegression.fit(ad, VcovRequest.iid(), options);
                Estimate de = FixedEffectsRegression.fit(dd, VcovRequest.iid(), options);
                double v = coefficient(ae, xName) * coefficient(de, mName);
                if (Double.isFinite(v)) {
                    ab[ok++] = v;
                }
            } catch (RuntimeException e) {
                // a draw where a path cannot be estimated (e.g. no variation left) is skipped and counted
            }
        }
        double[] kept = java.util.Arrays.copyOf(ab, ok);
        out.put("cluster", clusterName);
        out.put("clusters", sampler.clusters());
        out.put("successful", ok);
        out.put("method", "pairs cluster bootstrap, percentile interval (type-7 quantiles)");
        if (ok > 1) {
            double mean = java.util.Arrays.stream(kept).average().orElse(Double.NaN);
            double ss = 0;
            for (double v : kept) {
                ss += (v - mean) * (v - mean);
            }
            out.put("se", Math.sqrt(ss / (ok - 1)));
            out.put("ciLow", Quantiles.type7(kept, 0.025));
            out.put("ciHigh", Quantiles.type7(kept, 0.975));
            out.put("level", 0.95);
        }
        return out;
    }

    private static ModelResult moderation(ModelFrameBuilder builder, ModelContext base, Treatment t, String moderator) {
        Expression z = Expression.parse(moderator);
        Formula f = base.formula().withRegressors(terms(t.expression(), z,
                new InteractionTerm(List.of(t.expression(), z)), t.controls()));
        FittedModel m = ModelFitting.fit(builder, base.withFormula(f), null);
        return ResultMapper.map("mechanism/" + z.text() + "/moderation", "mechanism",
                "moderation by " + z.text(), m.frame(), m.estimate(), null, List.of());
    }

    private static double coefficient(Estimate e, String term) {
        int j = e.indexOf(term);
        if (j < 0) {
            throw new IllegalStateException("the model has no coefficient '" + term + "' (removed as collinear?)");
        }
        return e.coefficients()[j];
    }
}
