package io.panelflow.estimation.dml;

import io.panelflow.estimation.engine.Distributions;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Double/debiased machine learning for the partially linear model (Chernozhukov et al. 2018)
 * <pre>  y = θ d + g(x) + e,   d = m(x) + w</pre>
 * with the partialling-out score {@code ψ(θ) = (u − θ v) v}, u = y − l̂(x), v = d − m̂(x),
 * l(x) = E[y|x], m(x) = E[d|x], and K-fold cross-fitting: for each fold k, l and m are fitted on the
 * other folds and predicted on fold k, so every u_i and v_i is out of fold. Then (DML2, one pooled
 * moment equation, DoubleML's estimator with n_rep = 1 and no small-sample factor):
 * <pre>
 *   θ̂ = Σ_i v_i u_i / Σ_i v_i²
 *   J = −mean(v²),  σ² = mean(ψ_i(θ̂)²) / J²,  se = √(σ²/n)
 *   t = θ̂/se,  p = 2(1 − Φ(|t|)),  CI = θ̂ ± Φ⁻¹(1 − (1 − level)/2) se
 * </pre>
 * θ is not identified, and {@link DmlException} is raised, when Σ v² ≤ 1e-12 Σ (d − d̄)² (d is
 * predicted by x out of fold up to rounding). DML1 (reported alongside) averages the fold-wise solutions Σ_{fold k} v u / Σ_{fold k} v².
 *
 * <p>Clustered data (DoubleML's one-way cluster case, {@code _est_coef} and {@code _var_est}): every cluster lies
 * in one fold; with I_k the clusters of test fold k, G clusters and K folds,
 * <pre>
 *   θ̂ = Σ_k |I_k|⁻¹ Σ_{i∈k} v_i u_i / Σ_k |I_k|⁻¹ Σ_{i∈k} v_i²
 *   J = K⁻¹ Σ_k |I_k|⁻¹ Σ_{i∈k} (−v_i²),   Γ = K⁻¹ Σ_k |I_k|⁻¹ Σ_{c∈I_k} (Σ_{i∈c} ψ_i)²,   se = √(Γ / (G J²))
 * </pre>
 * (with equal |I_k| this is Σ v u / Σ v² and the cluster sandwich Σ_c (Σ_{i∈c} ψ_i)² / (Σ_i v_i²)², without a
 * small-sample factor). A cluster spread over several folds raises {@link DmlException}.
 */
public final class PartiallyLinearDml {
    /** Σ v² at most this share of Σ (d − d̄)² counts as no variation (residual sd below 1e-6 of d's). */
    static final double NO_VARIATION = 1e-12;
    private PartiallyLinearDml() {
    }

    /**
     * @param y        outcome
     * @param d        treatment
     * @param x        covariates, {@code x[j][i]} (column-major)
     * @param fold     fold label of each row (K = number of distinct labels)
     * @param learnerL learner of E[y|x]
     * @param learnerM learner of E[d|x]
     * @param level    confidence level, e.g. 0.95
     */
    public static DmlResult fit(double[] y, double[] d, double[][] x, int[] fold,
                                NuisanceLearner learnerL, NuisanceLearner learnerM, double level) {
        return fit(y, d, x, fold, null, learnerL, learnerM, level);
    }

    /**
     * As {@link #fit(double[], double[], double[][], int[], NuisanceLearner, NuisanceLearner, double)} with the
     * score variance clustered by {@code cluster} (any integer codes, each cluster within one fold), or the
     * heteroskedasticity-robust variance when {@code cluster} is null.
     */
    public static DmlResult fit(double[] y, double[] d, double[][] x, int[] fold, int[] cluster,
                                NuisanceLearner learnerL, NuisanceLearner learnerM, double level) {
        int n = y.length;
        check(y, n, "y");
        check(d, n, "d");
        for (int j = 0; j < x.length; j++) {
            check(x[j], n, "x" + (j + 1));
        }
        if (fold == null || fold.length != n) {
            throw new DmlException("the fold column has " + (fold == null ? 0 : fold.length) + " rows, y has " + n);
        }
        if (!(level > 0 && level < 1)) {
            throw new DmlException("confidence level must be in (0, 1), got " + level);
        }
        CrossFitFolds folds = CrossFitFolds.fromLabels(fold);
        int k = folds.count();
        int[][] clustersOfFold = cluster == null ? null : clustersOfFolds(cluster, fold, folds);
        double[] lHat = new double[n];
        double[] mHat = new double[n];
        FittedNuisance[] lFits = new FittedNuisance[k];
        FittedNuisance[] mFits = new FittedNuisance[k];
        for (int f = 0; f < k; f++) {
            int[] train = folds.training(f);
            int[] test = folds.rows()[f];
            double[][] xTrain = CrossFitFolds.subset(x, train);
            double[][] xTest = CrossFitFolds.subset(x, test);
            try {
                lFits[f] = learnerL.fit(xTrain, CrossFitFolds.subset(y, train));
                mFits[f] = learnerM.fit(xTrain, CrossFitFolds.subset(d, train));
            } catch (DmlException e) {
                throw new DmlException("fold " + folds.labels()[f] + ": " + e.getMessage());
            }
            double[] lp = lFits[f].predict(xTest);
            double[] mp = mFits[f].predict(xTest);
            release(lFits[f]);
            release(mFits[f]);
            for (int p = 0; p < test.length; p++) {
                lHat[test[p]] = lp[p];
                mHat[test[p]] = mp[p];
            }
        }
        double[] u = new double[n];
        double[] v = new double[n];
        double vu = 0;
        double vv = 0;
        double uu = 0;
        for (int i = 0; i < n; i++) {
            u[i] = y[i] - lHat[i];
            v[i] = d[i] - mHat[i];
            vu += v[i] * u[i];
            vv += v[i] * v[i];
            uu += u[i] * u[i];
        }
        double dMean = 0;
        for (double di : d) {
            dMean += di / n;
        }
        double dss = 0;
        for (double di : d) {
            dss += (di - dMean) * (di - dMean);
        }
        if (!(vv > NO_VARIATION * dss)) {
            throw new DmlException("the residualized treatment d − m̂(x) has no variation (Σv² = " + vv
                    + "): θ is not identified");
        }
        double theta;
        double meanPsiSq;
        double jac;
        double se;
        int g = 0;
        if (clustersOfFold == null) {
            theta = vu / vv;
            double psi2 = 0;
            for (int i = 0; i < n; i++) {
                double psi = (u[i] - theta * v[i]) * v[i];
                psi2 += psi * psi;
            }
            meanPsiSq = psi2 / n;
            jac = -vv / n;
            se = Math.sqrt(meanPsiSq / (jac * jac) / n);
        } else {
            double a = 0;
            double b = 0;
            for (int f = 0; f < k; f++) {
                double scale = 1.0 / clustersOfFold[f].length;
                for (int i : folds.rows()[f]) {
                    a += scale * v[i] * u[i];
                    b += scale * v[i] * v[i];
                }
            }
            theta = a / b;
            java.util.Map<Integer, Double> psiSum = new java.util.HashMap<>();
            for (int i = 0; i < n; i++) {
                psiSum.merge(cluster[i], (u[i] - theta * v[i]) * v[i], Double::sum);
            }
            g = psiSum.size();
            double gamma = 0;
            double jSum = 0;
            for (int f = 0; f < k; f++) {
                double scale = 1.0 / clustersOfFold[f].length;
                for (int c : clustersOfFold[f]) {
                    double s = psiSum.get(c);
                    gamma += scale * s * s;
                }
                for (int i : folds.rows()[f]) {
                    jSum -= scale * v[i] * v[i];
                }
            }
            meanPsiSq = gamma / k;
            jac = jSum / k;
            se = Math.sqrt(meanPsiSq / (g * jac * jac));
        }
        double t = theta / se;
        double p = Distributions.twoSidedNormal(t);
        double z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - (1 - level) / 2);
        double dml1 = 0;
        for (int f = 0; f < k; f++) {
            double a = 0;
            double b = 0;
            for (int i : folds.rows()[f]) {
                a += v[i] * u[i];
                b += v[i] * v[i];
            }
            if (!(b > 0)) {
                throw new DmlException("fold " + folds.labels()[f] + ": d − m̂(x) has no variation (DML1)");
            }
            dml1 += a / b;
        }
        dml1 /= k;
        return new DmlResult(theta, se, t, p, theta - z * se, theta + z * se, level, jac, meanPsiSq, dml1,
                Math.sqrt(uu / n), Math.sqrt(vv / n), lHat, mHat, folds, lFits, mFits, g);
    }

    /** The distinct clusters of each fold's test rows; a cluster in two folds is an error. */
    private static int[][] clustersOfFolds(int[] cluster, int[] fold, CrossFitFolds folds) {
        if (cluster.length != fold.length) {
            throw new DmlException("the cluster column has " + cluster.length + " rows, y has " + fold.length);
        }
        java.util.Map<Integer, Integer> foldOf = new java.util.HashMap<>();
        int[][] out = new int[folds.count()][];
        for (int f = 0; f < folds.count(); f++) {
            java.util.TreeSet<Integer> set = new java.util.TreeSet<>();
            for (int i : folds.rows()[f]) {
                Integer before = foldOf.putIfAbsent(cluster[i], f);
                if (before != null && before != f) {
                    throw new DmlException("a cluster lies in folds " + folds.labels()[before] + " and "
                            + folds.labels()[f] + ": the clustered score variance needs every cluster in one fold "
                            + "(assign folds by cluster)");
                }
                set.add(cluster[i]);
            }
            out[f] = set.stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /** Frees what a fitted learner holds outside the Java heap once its predictions are made. */
    private static void release(FittedNuisance fit) {
        if (fit instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new DmlException("could not release a fitted learner: " + e.getMessage());
            }
        }
    }

    private static void check(double[] v, int n, String name) {
        if (v == null || v.length != n) {
            throw new DmlException("column '" + name + "' has " + (v == null ? 0 : v.length) + " rows, y has " + n);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(v[i])) {
                throw new DmlException("column '" + name + "' has a missing or non-finite value at row " + i);
            }
        }
    }
}
