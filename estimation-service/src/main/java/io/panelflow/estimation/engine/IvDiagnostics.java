package io.panelflow.estimation.engine;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Diagnostics of a 2SLS fit (all variables already residualized on the fixed effects). With
 * X_1 the exogenous regressors, Z_2 the q excluded instruments, E the K2 endogenous regressors,
 * tildes meaning "residualized on X_1", u the 2SLS residuals and N the observations:
 * <ul>
 *   <li>{@code firstStage}: per endogenous regressor, the first-stage regression on [Z_2, X_1] (same
 *       fixed effects and variance request), its coefficients and SEs, and
 *       {@code partialR2 = (SSR_r − SSR_u)/SSR_r} (SSR_r without the excluded instruments).</li>
 *   <li>{@code ivF} (fixest "ivf"): {@code ((SSR_r − SSR_u)/q) / (SSR_u/df2)}, df2 = N − K of the first
 *       stage's variance convention (fixest: nested K when clustered), p from F(q, df2).</li>
 *   <li>{@code ivWald} (fixest "ivwald"): Wald/q on the excluded instruments with the first-stage
 *       variance of the model's request, same df.</li>
 *   <li>{@code kleibergenPaapF} (fixest "kpr", one endogenous regressor): Wald/q as ivWald but with the
 *       small-sample factor N/(N−K) (times G/(G−1) when clustered) instead of (N−1)/(N−K), as fixest's
 *       kp_stat (Vcov.jl ranktest); p = P(χ²_{q−K2+1} > stat) as fixest reports it.</li>
 *   <li>{@code kleibergenPaapLM} (one endogenous regressor): robust score test of π = 0,
 *       {@code LM = (Σ z̃_i ẽ_i)' [Σ_c (Σ_{i∈c} z̃_i ẽ_i)(Σ_{i∈c} z̃_i ẽ_i)']^{-1} (Σ z̃_i ẽ_i)} with ẽ the
 *       restricted first-stage residual and c = observations (iid/hetero) or clusters; χ²(q − K2 + 1).</li>
 *   <li>{@code kleibergenPaapWald}: the rk Wald χ² of {@link KleibergenPaapRank} (any number of endogenous
 *       regressors; with one it equals q × kleibergenPaapF); with several endogenous regressors
 *       {@code kleibergenPaapF} = rk Wald / q (fixest's kpr convention) and {@code kleibergenPaapLM} the rk LM
 *       ({@link KleibergenPaapRank}, χ²(q − K2 + 1)).</li>
 *   <li>{@code stockYogoRelativeBias}: {@link StockYogo} relative-bias critical values (up to three endogenous).</li>
 *   <li>{@code craggDonaldF} (fixest "cd"): {@code (N − K2 − q − 1)/q · min_i ρ_i²/(1 − ρ_i²)}, ρ_i the
 *       canonical correlations of Ẽ and Z̃_2.</li>
 *   <li>{@code stockYogo}: {@link StockYogo} critical values for that F.</li>
 *   <li>{@code sargan}: N·R² of u on all instruments [X_1, Z_2], χ²(q − K2).</li>
 *   <li>{@code hansenJ}: {@code J = N ḡ' S^{-1} ḡ} at two-step efficient GMM,
 *       S = (1/N) Σ u_i² z_i z_i' (clustered: (1/N) Σ_g (Σ_{i∈g} z_i u_i)(…)'), u the 2SLS residuals,
 *       {@code b = (X'Z S^{-1} Z'X)^{-1} X'Z S^{-1} Z'y}, ḡ = Z'(y − X b)/N; χ²(q − K2).</li>
 *   <li>{@code wuHausman} (fixest "wh"): the control-function F: OLS of y on [E, X_1] with and without the
 *       first-stage residuals V̂; {@code ((RSS_r − RSS_u)/K2)/(RSS_u/df2)}, df2 = N − K_full − K2.</li>
 * </ul>
 */
final class IvDiagnostics {

    record InstrumentalParts(double[] y, double[][] exogenous, String[] exogenousNames, double[][] instruments,
                             String[] instrumentNames, double[][] endogenous, String[] endogenousNames,
                             double[][] regressors, String[] regressorNames, double[] coefficients,
                             double[] residuals, double[] weights) {
    }

    private IvDiagnostics() {
    }

    static Map<String, Object> compute(Design d, VcovRequest v, DemeanedSample s, InstrumentalParts p, Estimate second) {
        Map<String, Object> out = new LinkedHashMap<>();
        double[] w = p.weights();
        int n = p.y().length;
        int q = p.instruments().length;
        int k2 = p.endogenous().length;
        double[][] zTilde = new double[q][];
        for (int j = 0; j < q; j++) {
            zTilde[j] = residualOn(p.exogenous(), p.instruments()[j], w);
        }
        double[][] eTilde = new double[k2][];
        Map<String, Object> firstStages = new LinkedHashMap<>();
        Map<String, Object> ivF = new LinkedHashMap<>();
        Map<String, Object> ivWald = new LinkedHashMap<>();
        double[] firstStageResidual0 = null;
        double[][] vHat = new double[k2][];
        Estimate firstOfOnly = null;
        for (int j = 0; j < k2; j++) {
            String name = p.endogenousNames()[j];
            Estimate first = firstStage(d, v, s, endogenousIndex(d, name), p.instrumentNames());
            eTilde[j] = residualOn(p.exogenous(), p.endogenous()[j], w);
            double ssrR = Matrices.weightedDot(eTilde[j], eTilde[j], w);
            double ssrU = first.rss();
            int kFirst = ((Number) first.diagnostics().get("dofK")).intValue();
            int df2 = n - kFirst;
            double f = ((ssrR - ssrU) / q) / (ssrU / df2);

            Map<String, Object> fs = new LinkedHashMap<>();
            fs.put("estimate", first);
            fs.put("coefficients", named(first, first.coefficients()));
            fs.put("stdErrors", named(first, first.stdErrors()));
            fs.put("partialR2", (ssrR - ssrU) / ssrR);
            fs.put("r2", first.r2());
            Map<String, Object> fMap = stat(f, q, df2, Distributions.upperF(f, q, df2));
            Map<String, Object> wMap = summary(second, "first-stage Wald F of " + name, () -> {
                WaldTest.Result wald = WaldTest.zero(first, p.instrumentNames());
                return stat(wald.f(), q, df2, Distributions.upperF(wald.f(), q, df2));
            });
            fs.put("ivF", fMap);
            fs.put("ivWald", wMap);
            firstStages.put(name, fs);
            ivF.put(name, fMap);
            ivWald.put(name, wMap);
            vHat[j] = first.residuals();
            if (k2 == 1) {
                firstOfOnly = first;
                firstStageResidual0 = eTilde[j];
            }
        }
        out.put("firstStage", firstStages);
        out.put("ivF", ivF);
        out.put("ivWald", ivWald);

        // Cragg-Donald (fixest convention) from the canonical correlations of E~ and Z~
        double minRatio = minCanonicalRatio(eTilde, zTilde, w);
        double cd = (n - k2 - q - 1.0) / q * minRatio;
        out.put("craggDonaldF", cd);
        Map<String, Double> sy = StockYogo.maximalIvSize(k2, q);
        if (!sy.isEmpty()) {
            out.put("stockYogo", sy);
        }
        Map<String, Double> syBias = StockYogo.maximalRelativeBias(k2, q);
        if (!syBias.isEmpty()) {
            out.put("stockYogoRelativeBias", syBias);
        }
        int rkDf = q - k2 + 1;
        KleibergenPaapRank.Meat meat = switch (v.type()) {
            case IID -> KleibergenPaapRank.Meat.HOMOSKEDASTIC;
            case HETERO -> KleibergenPaapRank.Meat.HETEROSKEDASTIC;
            case CLUSTER -> v.clusters().length == 1 ? KleibergenPaapRank.Meat.CLUSTERED : null;
            default -> null;
        };
        int[] rkClusters = meat == KleibergenPaapRank.Meat.CLUSTERED ? compactCodes(s.subset(v.clusters()[0])) : null;
        int rkDofK = ((Number) ((Estimate) ((Map<?, ?>) firstStages.values().iterator().next()).get("estimate"))
                .diagnostics().get("dofK")).intValue();
        double rkFactor = n / (double) (n - rkDofK);
        if (rkClusters != null) {
            int groups = java.util.Arrays.stream(rkClusters).max().orElse(0) + 1;
            rkFactor *= groups / (groups - 1.0);
        }
        double waldFactor = rkFactor;
        Map<String, Object> rkWald = meat == null
                ? Map.of("unavailable", "the rank test is computed for iid, heteroskedasticity-robust and one-way clustered variances")
                : summary(second, "Kleibergen-Paap rk Wald", () -> {
            double r = KleibergenPaapRank.statistic(zTilde, eTilde, vHat, w, meat, rkClusters, waldFactor);
            return Map.of("stat", r, "df", rkDf, "p", Distributions.upperChiSquared(r, rkDf));
        });
        out.put("kleibergenPaapWald", rkWald);
        if (k2 == 1) {
            Estimate only = firstOfOnly;
            double[] e0 = firstStageResidual0;
            Map<String, Object> kpF = summary(second, "Kleibergen-Paap rk Wald F", () -> {
                double wald = WaldTest.zero(only, p.instrumentNames()).chi2();
                // fixest's kp_stat scales the clustered meat by N/(N−K) instead of (N−1)/(N−K); HC1 already uses N/(N−K)
                double rescale = v.type() == VcovType.CLUSTER || v.type() == VcovType.DRISCOLL_KRAAY ? (n - 1.0) / n : 1.0;
                double kp = wald / q * rescale;
                int df = q - k2 + 1;
                return Map.of("stat", kp, "df", df, "p", Distributions.upperChiSquared(kp, df));
            });
            out.put("kleibergenPaapF", kpF);
            out.put("kleibergenPaapLM", summary(second, "Kleibergen-Paap rk LM", () -> {
                double lm = robustScoreLm(zTilde, e0, w, v, s, d);
                int df = q - k2 + 1;
                return Map.of("stat", lm, "df", df, "p", Distributions.upperChiSquared(lm, df));
            }));
            out.put("kleibergenPaapDofK", ((Number) only.diagnostics().get("dofK")).intValue());
        } else if (meat != null) {
            out.put("kleibergenPaapF", summary(second, "Kleibergen-Paap rk Wald F", () -> {
                Object stat = rkWald.get("stat");
                if (!(stat instanceof Double r)) {
                    throw new EstimationException(String.valueOf(rkWald.get("unavailable")));
                }
                double kp = r / q;
                return Map.of("stat", kp, "df", rkDf, "p", Distributions.upperChiSquared(kp, rkDf));
            }));
            out.put("kleibergenPaapLM", summary(second, "Kleibergen-Paap rk LM", () -> {
                double lm = KleibergenPaapRank.statistic(zTilde, eTilde, eTilde, w, meat, rkClusters, 1.0);
                return Map.of("stat", lm, "df", rkDf, "p", Distributions.upperChiSquared(lm, rkDf));
            }));
            out.put("kleibergenPaapDofK", rkDofK);
        } else {
            second.notes().add("Kleibergen-Paap statistics with several endogenous regressors are computed for iid, "
                    + "heteroskedasticity-robust and one-way clustered variances only.");
        }
        if (q > k2) {
            out.put("sargan", sargan(p, w));
            out.put("hansenJ", summary(second, "Hansen J", () -> hansenJ(p, v, s, d)));
        }
        out.put("wuHausman", summary(second, "Wu-Hausman", () -> wuHausman(p, vHat, second, w)));
        return out;
    }

    /**
     * A summary statistic of the model, or {@code {"unavailable": reason}} when it cannot be computed
     * (a singular covariance): the model stands, its notes say which statistic is missing and why.
     */
    private static <T> Object summaryValue(Estimate model, String what, java.util.function.Supplier<T> statistic) {
        try {
            return statistic.get();
        } catch (EstimationException ex) {
            model.notes().add(what + " not reported: " + ex.getMessage() + ".");
            return Map.of("unavailable", ex.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> summary(Estimate model, String what, java.util.function.Supplier<Map<String, Object>> statistic) {
        return (Map<String, Object>) summaryValue(model, what, statistic);
    }

    private static int endogenousIndex(Design d, String name) {
        for (int j = 0; j < d.endogenousNames().length; j++) {
            if (d.endogenousNames()[j].equals(name)) {
                return j;
            }
        }
        throw new EstimationException("unknown endogenous regressor " + name);
    }

    /** The first-stage OLS of one endogenous regressor on the excluded instruments and the exogenous regressors. */
    static Estimate firstStage(Design d, VcovRequest v, DemeanedSample s, int endogenous, String[] keptInstruments) {
        List<String> instNames = java.util.Arrays.asList(d.instrumentNames());
        double[][] inst = new double[keptInstruments.length][];
        for (int j = 0; j < inst.length; j++) {
            inst[j] = d.instruments()[instNames.indexOf(keptInstruments[j])];
        }
        double[][] x = FixedEffectsRegression.concat(inst, d.x() == null ? new double[0][] : d.x());
        String[] names = FixedEffectsRegression.concat(keptInstruments, d.xNames() == null ? new String[0] : d.xNames());
        Design fs = new Design(d.endogenous()[endogenous], d.endogenousNames()[endogenous], x, names,
                d.fixedEffects(), d.fixedEffectNames(), d.weights(), new double[0][], new String[0],
                new double[0][], new String[0]);
        return FixedEffectsRegression.fit(fs, v, null, s);
    }

    private static Map<String, Double> named(Estimate e, double[] values) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int j = 0; j < values.length; j++) {
            m.put(e.terms()[j], values[j]);
        }
        return m;
    }

    private static Map<String, Object> stat(double stat, int df1, int df2, double pValue) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stat", stat);
        m.put("df1", df1);
        m.put("df2", df2);
        m.put("p", pValue);
        return m;
    }

    /** Residual of {@code y} on the columns {@code x} (weighted least squares); y itself when x is empty. */
    static double[] residualOn(double[][] x, double[] y, double[] w) {
        if (x.length == 0) {
            return y.clone();
        }
        double[][] inv = Matrices.inverseSpd(Matrices.crossProduct(x, x, w));
        double[] b = Matrices.multiply(inv, Matrices.crossProduct(x, y, w));
        return FixedEffectsRegression.residuals(y, x, b);
    }

    /** min over canonical correlations ρ² of E and Z of ρ²/(1 − ρ²). */
    private static double minCanonicalRatio(double[][] e, double[][] z, double[] w) {
        RealMatrix ee = new Array2DRowRealMatrix(Matrices.crossProduct(e, e, w));
        RealMatrix ez = new Array2DRowRealMatrix(Matrices.crossProduct(e, z, w));
        RealMatrix zz = new Array2DRowRealMatrix(Matrices.crossProduct(z, z, w));
        RealMatrix m = new LUDecomposition(ee).getSolver().getInverse()
                .multiply(ez).multiply(new LUDecomposition(zz).getSolver().getInverse()).multiply(ez.transpose());
        double[] values = new EigenDecomposition(m).getRealEigenvalues();
        double min = Double.POSITIVE_INFINITY;
        for (double r2 : values) {
            min = Math.min(min, r2 / (1 - r2));
        }
        return min;
    }

    private static double robustScoreLm(double[][] z, double[] e, double[] w, VcovRequest v, DemeanedSample s, Design d) {
        int q = z.length;
        double[] g = new double[q];
        for (int j = 0; j < q; j++) {
            g[j] = Matrices.weightedDot(z[j], e, w);
        }
        double[][] meat;
        if (v.type() == VcovType.CLUSTER) {
            meat = CovarianceEstimator.clusterMeat(compactCodes(s.subset(v.clusters()[0])), z, e, w);
        } else {
            meat = new double[q][q];
            for (int i = 0; i < e.length; i++) {
                double f = (w == null ? 1 : w[i]) * e[i];
                for (int a = 0; a < q; a++) {
                    for (int b = 0; b < q; b++) {
                        meat[a][b] += z[a][i] * f * z[b][i] * f;
                    }
                }
            }
        }
        return Matrices.dot(g, Matrices.multiply(Matrices.inverseSpd(meat), g));
    }

    private static int[] compactCodes(int[] codes) {
        int[] c = codes.clone();
        DemeanedSample.compact(c);
        return c;
    }

    private static Map<String, Object> sargan(InstrumentalParts p, double[] w) {
        double[][] z = FixedEffectsRegression.concat(p.exogenous(), p.instruments());
        double[] u = p.residuals();
        double[] r = residualOn(z, u, w);
        double rss = Matrices.weightedDot(r, r, w);
        double tss = FixedEffectsRegression.centredSumOfSquares(u, w);
        int n = u.length;
        double stat = n * (1 - rss / tss);
        int df = p.instruments().length - p.endogenous().length;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stat", stat);
        m.put("df", df);
        m.put("p", Distributions.upperChiSquared(stat, df));
        return m;
    }

    private static Map<String, Object> hansenJ(InstrumentalParts p, VcovRequest v, DemeanedSample s, Design d) {
        double[][] z = FixedEffectsRegression.concat(p.exogenous(), p.instruments());
        double[][] x = p.regressors();
        double[] y = p.y();
        double[] u = p.residuals();
        double[] w = p.weights();
        int n = y.length;
        int l = z.length;
        double[][] sMat;
        if (v.type() == VcovType.CLUSTER) {
            sMat = CovarianceEstimator.clusterMeat(compactCodes(s.subset(v.clusters()[0])), z, u, w);
        } else {
            sMat = new double[l][l];
            for (int i = 0; i < n; i++) {
                double f = (w == null ? 1 : w[i]) * u[i];
                for (int a = 0; a < l; a++) {
                    for (int b = 0; b < l; b++) {
                        sMat[a][b] += z[a][i] * z[b][i] * f * f;
                    }
                }
            }
        }
        sMat = CovarianceEstimator.scale(sMat, 1.0 / n);
        double[][] sInv = Matrices.inverseSpd(sMat);
        double[][] zx = Matrices.crossProduct(z, x, w);     // l × k
        double[] zy = Matrices.crossProduct(z, y, w);
        int k = x.length;
        double[][] a = new double[k][k];
        double[] c = new double[k];
        double[][] sZx = Matrices.multiply(sInv, zx);
        double[] sZy = Matrices.multiply(sInv, zy);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double t = 0;
                for (int m = 0; m < l; m++) {
                    t += zx[m][i] * sZx[m][j];
                }
                a[i][j] = t;
            }
            double t = 0;
            for (int m = 0; m < l; m++) {
                t += zx[m][i] * sZy[m];
            }
            c[i] = t;
        }
        double[] bGmm = Matrices.multiply(Matrices.inverseSpd(a), c);
        double[] r = FixedEffectsRegression.residuals(y, x, bGmm);
        double[] g = Matrices.crossProduct(z, r, w);
        for (int m = 0; m < l; m++) {
            g[m] /= n;
        }
        double j = n * Matrices.dot(g, Matrices.multiply(sInv, g));
        int df = p.instruments().length - p.endogenous().length;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stat", j);
        out.put("df", df);
        out.put("p", Distributions.upperChiSquared(j, df));
        Map<String, Double> coef = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) {
            coef.put(p.regressorNames()[i], bGmm[i]);
        }
        out.put("gmmCoefficients", coef);
        return out;
    }

    private static Map<String, Object> wuHausman(InstrumentalParts p, double[][] vHat, Estimate second, double[] w) {
        double[][] x = p.regressors();
        double[] y = p.y();
        double[] rR = residualOn(x, y, w);
        double[] rU = residualOn(FixedEffectsRegression.concat(x, vHat), y, w);
        double rssR = Matrices.weightedDot(rR, rR, w);
        double rssU = Matrices.weightedDot(rU, rU, w);
        int k2 = vHat.length;
        int df2 = y.length - second.kFull() - k2;
        double f = ((rssR - rssU) / k2) / (rssU / df2);
        return stat(f, k2, df2, Distributions.upperF(f, k2, df2));
    }
}
