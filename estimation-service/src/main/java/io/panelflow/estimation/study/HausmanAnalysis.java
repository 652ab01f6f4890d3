package io.panelflow.estimation.study;

import io.panelflow.estimation.engine.Design;
import io.panelflow.estimation.engine.HausmanTest;
import io.panelflow.estimation.engine.RandomEffects;
import io.panelflow.frame.formula.Formula;
import io.panelflow.model.result.Coefficient;
import io.panelflow.model.result.DroppedRows;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.result.VcovInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixed against random effects for a model with {@code hausman: true}, as plm's {@code phtest}:
 * <ul>
 *   <li>{@code <id>}: one-way fixed effects in the formula's first fixed effect (the unit), with the
 *       model's vcov; further fixed-effect dimensions are left out (a note says so), and diagnostics
 *       {@code hausman}: {@code {statistic, df, pValue}} of the classic test on the within and Swamy–Arora
 *       estimates with their classical variances (χ²(K), see {@link HausmanTest#classic}) and, under
 *       {@code robust}, the cluster-robust form (auxiliary regression with the within-transformed regressors,
 *       Wooldridge / Mundlak, clustered by the unit; see {@link HausmanTest#robust});</li>
 *   <li>{@code <id>/re}: the Swamy–Arora random-effects GLS fit ({@link RandomEffects}) on the same rows,
 *       with an intercept, classical variance and z tests as plm reports them, and diagnostics theta, the
 *       variance components and the residual df.</li>
 * </ul>
 * Not available for instrumental-variables or weighted models, nor together with {@code stepwise}.
 */
final class HausmanAnalysis {
    /** Two-sided 95% standard-normal quantile. */
    private static final double Z975 = 1.959963984540054;

    private HausmanAnalysis() {
    }

    /**
     * @param ctx    the model as written (its formula may have further fixed effects)
     * @param oneWay the fit of its one-way fixed-effects formula ({@link #oneWay})
     */
    static List<ModelResult> run(ModelContext ctx, FittedModel oneWay, String group,
                                 Map<String, Object> extraDiagnostics, List<String> extraNotes) {
        Design d = oneWay.frame().design();
        int[] unit = d.fixedEffects()[0];
        String unitName = d.fixedEffectNames()[0];
        RandomEffects.Result re = RandomEffects.fit(d.y(), d.yName(), d.x(), d.xNames(), unit);
        HausmanTest.Result classic = HausmanTest.classic(re);
        HausmanTest.Result robust = HausmanTest.robust(d.y(), d.yName(), d.x(), d.xNames(), unit);

        Map<String, Object> hausman = new LinkedHashMap<>();
        hausman.put("statistic", classic.statistic());
        hausman.put("df", classic.df());
        hausman.put("pValue", classic.pValue());
        hausman.put("test", "Hausman: (b_FE - b_RE)' [V_FE - V_RE]^-1 (b_FE - b_RE) with the classical variances, chi2(K)"
                + " (plm phtest); H0: random effects are consistent");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("statistic", robust.statistic());
        r.put("df", robust.df());
        r.put("pValue", robust.pValue());
        r.put("test", "cluster-robust Hausman (Mundlak): Wald chi2 of the within-transformed regressors in the"
                + " quasi-demeaned regression, clustered by " + unitName);
        hausman.put("robust", r);
        hausman.put("randomEffects", ctx.id() + "/re");
        Map<String, Object> feDiagnostics = new LinkedHashMap<>(extraDiagnostics);
        feDiagnostics.put("hausman", hausman);
        List<String> feNotes = new ArrayList<>(extraNotes);
        Formula f = ctx.formula();
        if (f.fixedEffects().size() > 1) {
            feNotes.add("Hausman comparison: one-way fixed effects in " + unitName + "; the other fixed effects of the"
                    + " formula are left out.");
        }
        ModelResult fe = ResultMapper.map(ctx.id(), group, ctx.title(), oneWay.frame(), oneWay.estimate(), feDiagnostics,
                feNotes);

        List<Coefficient> coefficients = new ArrayList<>();
        for (int j = 0; j < re.terms().length; j++) {
            double b = re.coefficients()[j];
            double se = re.stdErrors()[j];
            coefficients.add(new Coefficient(re.terms()[j], b, se, re.statistics()[j], re.pValues()[j], b - Z975 * se,
                    b + Z975 * se));
        }
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        diagnostics.put("randomEffects", "swamy-arora");
        diagnostics.put("unit", unitName);
        diagnostics.put("units", re.units());
        diagnostics.put("theta", re.theta());
        diagnostics.put("sigma2Idiosyncratic", re.sigma2Idiosyncratic());
        diagnostics.put("sigma2Individual", re.sigma2Individual());
        diagnostics.put("rssTransformed", re.rssTransformed());
        diagnostics.put("dfResidual", re.dfResidual());
        diagnostics.put("fixedEffects", ctx.id());
        List<String> notes = new ArrayList<>();
        if (oneWay.frame().droppedMissing() > 0) {
            notes.add(oneWay.frame().droppedMissing() + " observation(s) removed because of missing or non-finite values.");
        }
        String formula = f.dependent().text() + " ~ " + String.join(" + ", d.xNames()) + " (random effects in " + unitName
                + ")";
        ModelResult random = new ModelResult(ctx.id() + "/re", group, ctx.title() + " (RE)", formula, f.dependent().text(),
                re.nobs(), new DroppedRows(oneWay.frame().droppedMissing(), 0), List.of(),
                new VcovInfo("iid", List.of(), List.of(), null,
                        "Swamy-Arora random-effects GLS: V = RSS*/(N-K-1) (X*'X*)^-1 on the quasi-demeaned data; z tests"
                                + " (standard normal)"),
                coefficients, re.r2(), null, null, null, diagnostics, notes);
        return List.of(fe, random);
    }

    /** The formula with only its first fixed effect; rejects what the comparison cannot take. */
    static Formula oneWay(ModelContext ctx, boolean stepwise) {
        Formula f = ctx.formula();
        if (f.isInstrumental()) {
            throw new IllegalArgumentException("hausman: not available for an instrumental-variables model");
        }
        if (stepwise) {
            throw new IllegalArgumentException("hausman: not available together with stepwise; give the Hausman"
                    + " comparison its own model");
        }
        if (ctx.weights() != null && !ctx.weights().isBlank()) {
            throw new IllegalArgumentException("hausman: random effects are not estimated with weights");
        }
        if (f.fixedEffects().isEmpty()) {
            throw new IllegalArgumentException("hausman: the formula needs the unit as its first fixed effect,"
                    + " e.g. y ~ x | unit");
        }
        return new Formula(f.dependent(), f.regressors(), f.intercept(), List.of(f.fixedEffects().get(0)),
                f.endogenous(), f.instruments());
    }
}
