package io.panelflow.estimation.bootstrap;

import io.panelflow.estimation.engine.DemeanedSample;
import io.panelflow.estimation.engine.Design;
import io.panelflow.estimation.engine.Distributions;
import io.panelflow.estimation.engine.Estimate;
import io.panelflow.estimation.engine.EstimationOptions;
import io.panelflow.estimation.engine.FixedEffectsProjector;
import io.panelflow.estimation.engine.FixedEffectsRegression;
import io.panelflow.estimation.engine.VcovRequest;
import io.panelflow.estimation.engine.VcovType;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wild cluster bootstrap-t for one coefficient of a least-squares model with absorbed fixed effects
 * and a one-way clustered variance (Cameron, Gelbach and Miller 2008; MacKinnon and Webb 2017;
 * Roodman, Nielsen, MacKinnon and Webb 2019, "Fast and wild").
 *
 * <p>Notation: M is the fixed-effect residual maker (the engine's within transform), X~ = M X the
 * demeaned regressors kept by the engine (an intercept column of ones when there are no fixed effects),
 * {@code A = (X~'X~)^{-1}}, {@code a_j} its row j, G clusters with signs {@code v_g}, and
 * <pre>  V = c · A (Σ_g S_g S_g') A,   S_g = Σ_{i∈g} x~_i e_i,   c = G/(G−1) · (N−1)/(N−K)</pre>
 * the model's clustered variance, K the engine's small-sample K ({@code dofK}, e.g. fixest's nested rule).
 *
 * <p>Bootstrap samples: {@code y*_b = f + v_{g(i)} u_i}, where for WCU f and u are the unrestricted fitted
 * values (including the fixed effects) and residuals, and for WCR those of the restricted model
 * {@code (y − r x_j) ~ other regressors | fixed effects} (plus r x_j in f). Each y* is refitted with the
 * full model (the within transform re-applied). Because f lies in the span of the fixed effects and X,
 * the refit has the closed form
 * <pre>  b*_b = β₀ + A X~'(v∘u),   e*_b = M_[FE,X](v∘u) = M(v∘u) − X~ A X~'(v∘u)</pre>
 * with β₀ the restricted (WCR, β₀_j = r) or unrestricted (WCU, β₀ = b̂) coefficients. Writing
 * u^(g) for u on the rows of cluster g (zero elsewhere), {@code h = X~ a_j},
 * <pre>  δ_g = Σ_{i∈g} h_i u_i,   Q_{kg} = Σ_{i∈k} h_i [M_[FE,X] u^(g)]_i</pre>
 * each draw is
 * <pre>  t*_b = Σ_g v_g δ_g / sqrt(c Σ_k (Σ_g v_g Q_{kg})²)</pre>
 * for WCR {@code (b*_j − r)/se*_j} and for WCU {@code (b*_j − b̂_j)/se*_j}. Cost: G demeaned columns once,
 * then O(G²) per draw, with a G×G matrix in memory.
 *
 * <p>p-value (two-sided, symmetric): {@code p = #{b : |t*_b| ≥ |t|(1 − tol)} / B} over all B draws; with
 * full enumeration the identity draw is one of them and is not added a second time. Under WCR the draws
 * all +1 and all −1 reproduce |t| exactly (ties), which the tolerance counts.
 *
 * <p>Supported: unweighted OLS (any number of fixed-effect dimensions) with a clustered
 * {@link VcovRequest} on exactly one dimension. Clusters are numbered in ascending order of their codes
 * (the k-th cluster gets sign bit k, see {@link RademacherDraws}).
 */
public final class WildClusterBootstrap {
    private final Estimate estimate;
    private final double[][] xt;
    private final double[] yt;
    private final double[][] inverseGram;
    private final FixedEffectsProjector projector;
    private final boolean hasFixedEffects;
    private final int[] cluster;
    private final int[][] clusterRows;
    private final int dofK;
    private final double c;

    private WildClusterBootstrap(Estimate estimate, double[][] xt, double[] yt, double[][] inverseGram,
                                 FixedEffectsProjector projector, boolean hasFixedEffects,
                                 int[] cluster, int[][] clusterRows, int dofK, double c) {
        this.estimate = estimate;
        this.xt = xt;
        this.yt = yt;
        this.inverseGram = inverseGram;
        this.projector = projector;
        this.hasFixedEffects = hasFixedEffects;
        this.cluster = cluster;
        this.clusterRows = clusterRows;
        this.dofK = dofK;
        this.c = c;
    }

    /**
     * Fits the model once (engine) and prepares the demeaned regressors, so that several hypotheses and
     * both bootstrap types reuse them.
     *
     * @throws BootstrapException for weights, instruments, a variance that is not clustered on one
     *                            dimension, or fewer than two clusters
     */
    public static WildClusterBootstrap prepare(Design design, VcovRequest vcov, EstimationOptions options) {
        if (design.weights() != null) {
            throw new BootstrapException("the wild cluster bootstrap is implemented for unweighted models only");
        }
        if (design.isInstrumental()) {
            throw new BootstrapException("the wild cluster bootstrap is implemented for OLS only (no instruments)");
        }
        if (vcov == null || vcov.type() != VcovType.CLUSTER || vcov.clusters() == null || vcov.clusters().length != 1) {
            throw new BootstrapException("the wild cluster bootstrap needs a variance clustered on exactly one dimension");
        }
        EstimationOptions o = options == null ? EstimationOptions.DEFAULT : options;
        DemeanedSample sample = DemeanedSample.of(design, o);
        int[] clusterAll = vcov.clusters()[0];
        if (clusterAll == null || clusterAll.length != design.rows()) {
            throw new BootstrapException("the cluster variable does not have one code per row");
        }
        boolean[] kept = sample.keptRows();
        int n = sample.rows();
        int[] raw = new int[n];
        for (int i = 0, p = 0; i < kept.length; i++) {
            if (kept[i]) {
                raw[p++] = clusterAll[i];
            }
        }
        int[] distinct = Arrays.stream(raw).distinct().sorted().toArray();
        if (distinct.length < 2) {
            throw new BootstrapException("a wild cluster bootstrap needs at least 2 clusters, the sample has "
                    + distinct.length);
        }
        Estimate e = FixedEffectsRegression.fit(design, vcov, o, sample);
        int[] cl = new int[n];
        int[] sizes = new int[distinct.length];
        for (int i = 0; i < n; i++) {
            cl[i] = Arrays.binarySearch(distinct, raw[i]);
            sizes[cl[i]]++;
        }
        int[][] rows = new int[distinct.length][];
        for (int g = 0; g < rows.length; g++) {
            rows[g] = new int[sizes[g]];
            sizes[g] = 0;
        }
        for (int i = 0; i < n; i++) {
            rows[cl[i]][sizes[cl[i]]++] = i;
        }
        String[] terms = e.terms();
        double[][] xt = new double[terms.length][];
        for (int t = 0; t < terms.length; t++) {
            if (terms[t].equals(FixedEffectsRegression.INTERCEPT)) {
                double[] ones = new double[n];
                Arrays.fill(ones, 1.0);
                xt[t] = ones;
            } else {
                xt[t] = sample.demeaned(design.x()[column(design.xNames(), terms[t])]);
            }
        }
        double[] yt = sample.demeaned(design.y());
        Object k = e.diagnostics().get("dofK");
        int dofK = k instanceof Number num ? num.intValue() : e.kFull();
        int g = distinct.length;
        double c = (double) g / (g - 1) * (n - 1.0) / (n - dofK);
        boolean fe = sample.codes().length > 0;
        return new WildClusterBootstrap(e, xt, yt, inverse(gram(xt)), sample.projector(), fe, cl, rows, dofK, c);
    }

    /** The engine's fit of the original model. */
    public Estimate estimate() {
        return estimate;
    }

    public int clusters() {
        return clusterRows.length;
    }

    /** Tests {@code H0: b_term = nullValue} with the default settings. */
    public WildBootstrapResult test(String term, double nullValue, BootstrapType type) {
        return test(term, nullValue, type, WildBootstrapSettings.DEFAULT);
    }

    /**
     * Tests {@code H0: b_term = nullValue} by the wild cluster bootstrap-t.
     *
     * @throws BootstrapException when the term is not an estimated coefficient (absent or dropped as collinear)
     */
    public WildBootstrapResult test(String term, double nullValue, BootstrapType type, WildBootstrapSettings settings) {
        int j = estimate.indexOf(term);
        if (j < 0) {
            throw new BootstrapException("no estimated coefficient named '" + term + "' (estimated: "
                    + String.join(", ", estimate.terms()) + ")");
        }
        int n = yt.length;
        int k = xt.length;
        int gCount = clusterRows.length;
        String[] terms = estimate.terms();

        // base coefficients and residuals u
        double[] beta0;
        double[] u;
        if (type == BootstrapType.UNRESTRICTED) {
            beta0 = multiply(inverseGram, crossProduct(xt, yt));
            u = residuals(yt, xt, beta0);
        } else {
            double[] yr = yt.clone();
            for (int i = 0; i < n; i++) {
                yr[i] -= nullValue * xt[j][i];
            }
            double[][] others = new double[k - 1][];
            for (int t = 0, p = 0; t < k; t++) {
                if (t != j) {
                    others[p++] = xt[t];
                }
            }
            double[] bo = others.length == 0 ? new double[0] : multiply(inverse(gram(others)), crossProduct(others, yr));
            u = residuals(yr, others, bo);
            beta0 = new double[k];
            for (int t = 0, p = 0; t < k; t++) {
                beta0[t] = t == j ? nullValue : bo[p++];
            }
        }
        Map<String, Double> base = new LinkedHashMap<>();
        for (int t = 0; t < k; t++) {
            base.put(terms[t], beta0[t]);
        }

        // h = X~ a_j
        double[] aj = inverseGram[j];
        double[] h = new double[n];
        for (int t = 0; t < k; t++) {
            double a = aj[t];
            double[] x = xt[t];
            for (int i = 0; i < n; i++) {
                h[i] += a * x[i];
            }
        }
        double[] delta = new double[gCount];
        double[][] q = new double[gCount][gCount];
        double[] z = new double[n];
        for (int g = 0; g < gCount; g++) {
            Arrays.fill(z, 0.0);
            double[] xz = new double[k];
            for (int i : clusterRows[g]) {
                z[i] = u[i];
                delta[g] += h[i] * u[i];
                for (int t = 0; t < k; t++) {
                    xz[t] += xt[t][i] * u[i];
                }
            }
            double[] mz = hasFixedEffects ? projector.demean(z) : z.clone();
            double[] d = multiply(inverseGram, xz);
            for (int t = 0; t < k; t++) {
                double dt = d[t];
                double[] x = xt[t];
                for (int i = 0; i < n; i++) {
                    mz[i] -= dt * x[i];
                }
            }
            for (int i = 0; i < n; i++) {
                q[cluster[i]][g] += h[i] * mz[i];
            }
        }

        RademacherDraws draws = RademacherDraws.of(gCount, settings.draws(), settings.seed());
        int bCount = draws.count();
        double[] tStar = new double[bCount];
        double[] v = new double[gCount];
        for (int b = 0; b < bCount; b++) {
            draws.signs(b, v);
            double num = 0;
            for (int g = 0; g < gCount; g++) {
                num += v[g] * delta[g];
            }
            double meat = 0;
            for (int r = 0; r < gCount; r++) {
                double[] qr = q[r];
                double s = 0;
                for (int g = 0; g < gCount; g++) {
                    s += v[g] * qr[g];
                }
                meat += s * s;
            }
            tStar[b] = num / Math.sqrt(c * meat);
        }

        double b = estimate.coefficients()[j];
        double se = estimate.stdErrors()[j];
        double t = (b - nullValue) / se;
        double at = Math.abs(t);
        int atLeast = 0;
        int strict = 0;
        for (double ts : tStar) {
            double a = Math.abs(ts);
            if (a >= at * (1 - settings.tieTolerance())) {
                atLeast++;
            }
            if (a > at * (1 + settings.tieTolerance())) {
                strict++;
            }
        }
        int df = estimate.dfResidual();
        return new WildBootstrapResult(term, nullValue, type, b, se, t, df, Distributions.twoSidedT(t, df), base,
                gCount, dofK, c, draws.enumerated(), draws, tStar, atLeast, atLeast - strict,
                (double) atLeast / bCount, (double) strict / bCount);
    }

    // ------------------------------------------------------------------ small linear algebra

    private static int column(String[] names, String term) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(term)) {
                return i;
            }
        }
        throw new BootstrapException("the engine estimated '" + term + "', which is not a regressor of the design");
    }

    private static double[][] gram(double[][] x) {
        int k = x.length;
        double[][] g = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b <= a; b++) {
                double s = 0;
                for (int i = 0; i < x[a].length; i++) {
                    s += x[a][i] * x[b][i];
                }
                g[a][b] = s;
                g[b][a] = s;
            }
        }
        return g;
    }

    private static double[][] inverse(double[][] spd) {
        try {
            RealMatrix inv = new CholeskyDecomposition(new Array2DRowRealMatrix(spd, false), 1e-14, 1e-14)
                    .getSolver().getInverse();
            return inv.getData();
        } catch (NonPositiveDefiniteMatrixException ex) {
            throw new BootstrapException("the demeaned regressors are collinear; the cross-product matrix is singular");
        }
    }

    private static double[] crossProduct(double[][] x, double[] y) {
        double[] out = new double[x.length];
        for (int t = 0; t < x.length; t++) {
            double s = 0;
            for (int i = 0; i < y.length; i++) {
                s += x[t][i] * y[i];
            }
            out[t] = s;
        }
        return out;
    }

    private static double[] multiply(double[][] a, double[] x) {
        double[] out = new double[a.length];
        for (int r = 0; r < a.length; r++) {
            double s = 0;
            for (int t = 0; t < x.length; t++) {
                s += a[r][t] * x[t];
            }
            out[r] = s;
        }
        return out;
    }

    private static double[] residuals(double[] y, double[][] x, double[] b) {
        double[] r = y.clone();
        for (int t = 0; t < x.length; t++) {
            double bt = b[t];
            for (int i = 0; i < r.length; i++) {
                r[i] -= bt * x[t][i];
            }
        }
        return r;
    }
}
