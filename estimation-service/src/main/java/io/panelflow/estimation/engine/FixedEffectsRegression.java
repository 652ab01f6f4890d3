package io.panelflow.estimation.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Least squares with any number of absorbed fixed-effect dimensions (HDFE), analytic weights,
 * and two-stage least squares when the design has endogenous regressors.
 *
 * <p>OLS: with M the fixed-effect residual maker ({@link FixedEffectsProjector}), W = diag(w),
 * {@code b = (X~'W X~)^{-1} X~'W y~}, X~ = M X, y~ = M y (Frisch–Waugh–Lovell). Without fixed effects
 * an intercept "(Intercept)" is added; with fixed effects none is reported (fixest).
 *
 * <p>2SLS: Z = [X, instruments], first stages {@code Ê = P_Z E}, X̂ = [Ê, X],
 * {@code b = (X̂'W X̂)^{-1} X̂'W y~}, residuals {@code u = y~ − [E~, X~] b} (actual endogenous regressor),
 * sandwich with bread {@code (X̂'W X̂)^{-1}} and scores {@code w_i x̂_i u_i}; see {@link IvDiagnostics}.
 *
 * <p>Collinearity: regressors are examined in order on their demeaned cross products; a column
 * whose demeaned sum of squares is at most 1e-10 of its raw sum of squares (absorbed by the fixed
 * effects) or whose squared Cholesky pivot given the earlier kept columns is at most 1e-10 of its
 * demeaned sum of squares is dropped, with a note naming it (as fixest).
 *
 * <p>Fit statistics (fixest): R² = 1 − RSS/TSS, adj. R² = 1 − (RSS/TSS)(N−1)/(N−K_full),
 * within R² = 1 − RSS/RSS_fe with RSS_fe = Σ w y~², adj. within R² =
 * 1 − (RSS/RSS_fe)(N−K_fe)/(N−K_fe−K_slopes), rmse = √(RSS/N), σ = √(RSS/(N−K_full)) (diagnostic "sigma").
 * K_full = slopes + Σ_k L_k − (D−1). Variance conventions: {@link CovarianceEstimator}; the K of the
 * small-sample factor follows {@link FixefK}.
 */
public final class FixedEffectsRegression {
    public static final String INTERCEPT = "(Intercept)";
    static final double COLLINEARITY_TOLERANCE = 1e-10;

    private FixedEffectsRegression() {
    }

    public static Estimate fit(Design d, VcovRequest v, EstimationOptions o) {
        return fit(d, v, o, DemeanedSample.of(d, o));
    }

    /**
     * Fits on a prepared sample so that several models with the same rows and fixed effects share
     * the fixed-effect structure and the demeaned columns (cached by column array identity).
     */
    public static Estimate fit(Design d, VcovRequest v, EstimationOptions o, DemeanedSample sample) {
        validate(d);
        if (!sample.matches(d)) {
            throw new EstimationException("the prepared sample was built for other rows, fixed effects or weights");
        }
        if (v == null) {
            v = VcovRequest.iid();
        }
        return d.isInstrumental() ? fitInstrumental(d, v, sample) : fitOls(d, v, sample);
    }

    // ---------------------------------------------------------------- OLS

    private static Estimate fitOls(Design d, VcovRequest v, DemeanedSample s) {
        List<String> notes = new ArrayList<>();
        boolean intercept = s.codes().length == 0;
        s.demeanedAll(concat(new double[][]{d.y()}, d.x() == null ? new double[0][] : d.x()));
        Columns cols = regressors(d.x(), d.xNames(), intercept, s);
        double[] w = s.weights();
        double[] y = s.demeaned(d.y());
        int m = cols.demeaned.length;
        // one blocked pass: the cross products of [X~, y~] (gram, X~'y~ and y~'y~)
        double[][] xAndY = concat(cols.demeaned, new double[][]{y});
        double[][] all = Matrices.crossProduct(xAndY, xAndY, w);
        double[][] fullGram = new double[m][];
        for (int j = 0; j < m; j++) {
            fullGram[j] = Arrays.copyOf(all[j], m);
        }
        Selection sel = selectIndependent(fullGram, Matrices.sumsOfSquares(cols.raw, w), cols.names, notes, 0);
        if (sel.kept.length == 0) {
            throw new EstimationException("all regressors are collinear with the fixed effects or each other: "
                    + String.join(", ", cols.names));
        }
        double[][] x = pick(cols.demeaned, sel.kept);
        String[] names = pick(cols.names, sel.kept);
        double[][] gram = new double[sel.kept.length][sel.kept.length];
        double[] xy = new double[sel.kept.length];
        for (int a = 0; a < gram.length; a++) {
            for (int c = 0; c < gram.length; c++) {
                gram[a][c] = sel.gram[sel.kept[a]][sel.kept[c]];
            }
            xy[a] = all[sel.kept[a]][m];
        }
        double[][] bread = Matrices.inverseSpd(gram);
        double[] b = Matrices.multiply(bread, xy);
        double[] resid = residuals(y, x, b);
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        return assemble(d, v, s, names, b, bread, x, resid, y, all[m][m], intercept, notes, diagnostics);
    }

    // ---------------------------------------------------------------- 2SLS

    private static Estimate fitInstrumental(Design d, VcovRequest v, DemeanedSample s) {
        List<String> notes = new ArrayList<>();
        boolean intercept = s.codes().length == 0;
        double[] w = s.weights();
        s.demeanedAll(concat(concat(new double[][]{d.y()}, d.x() == null ? new double[0][] : d.x()),
                concat(d.endogenous(), d.instruments())));
        Columns exo = regressors(d.x(), d.xNames(), intercept, s);
        Selection exoSel = selectIndependent(exo.demeaned, exo.raw, exo.names, w, notes, 0);
        double[][] xExo = pick(exo.demeaned, exoSel.kept);
        String[] exoNames = pick(exo.names, exoSel.kept);

        Columns inst = regressors(d.instruments(), d.instrumentNames(), false, s);
        Selection instSel = selectIndependent(concat(xExo, inst.demeaned), concat(pick(exo.raw, exoSel.kept), inst.raw),
                concat(exoNames, inst.names), w, notes, xExo.length);
        double[][] z = pick(concat(xExo, inst.demeaned), instSel.kept);
        int nInstruments = z.length - xExo.length;

        Columns endo = regressors(d.endogenous(), d.endogenousNames(), false, s);
        Selection endoSel = selectIndependent(concat(xExo, endo.demeaned), concat(pick(exo.raw, exoSel.kept), endo.raw),
                concat(exoNames, endo.names), w, notes, xExo.length);
        int[] endoKept = new int[endoSel.kept.length - xExo.length];
        for (int j = 0; j < endoKept.length; j++) {
            endoKept[j] = endoSel.kept[xExo.length + j] - xExo.length;
        }
        double[][] e = pick(endo.demeaned, endoKept);
        String[] endoNames = pick(endo.names, endoKept);
        if (e.length == 0) {
            throw new EstimationException("all endogenous regressors are collinear with the exogenous ones: "
                    + String.join(", ", endo.names));
        }
        if (nInstruments < e.length) {
            throw new EstimationException("the model is underidentified: " + e.length + " endogenous regressor(s) ("
                    + String.join(", ", endoNames) + ") but " + nInstruments + " usable excluded instrument(s)");
        }
        double[][] zGramInv = Matrices.inverseSpd(Matrices.crossProduct(z, z, w));
        double[][] eHat = new double[e.length][];
        for (int j = 0; j < e.length; j++) {
            double[] pi = Matrices.multiply(zGramInv, Matrices.crossProduct(z, e[j], w));
            eHat[j] = combination(z, pi);
        }
        // second stage: [intercept?] endogenous, exogenous (fixest order)
        int k = e.length + xExo.length;
        double[][] xHat = new double[k][];
        double[][] xActual = new double[k][];
        String[] names = new String[k];
        int p = 0;
        int exoStart = 0;
        if (intercept && exoNames.length > 0 && exoNames[0].equals(INTERCEPT)) {
            xHat[p] = xExo[0];
            xActual[p] = xExo[0];
            names[p++] = INTERCEPT;
            exoStart = 1;
        }
        for (int j = 0; j < e.length; j++) {
            xHat[p] = eHat[j];
            xActual[p] = e[j];
            names[p++] = endoNames[j];
        }
        for (int j = exoStart; j < xExo.length; j++) {
            xHat[p] = xExo[j];
            xActual[p] = xExo[j];
            names[p++] = exoNames[j];
        }
        double[] y = s.demeaned(d.y());
        double[][] bread = Matrices.inverseSpd(Matrices.crossProduct(xHat, xHat, w));
        double[] b = Matrices.multiply(bread, Matrices.crossProduct(xHat, y, w));
        double[] resid = residuals(y, xActual, b);
        Map<String, Object> diagnostics = new LinkedHashMap<>();
        Estimate second = assemble(d, v, s, names, b, bread, xHat, resid, y, intercept, notes, diagnostics);
        IvDiagnostics.InstrumentalParts parts = new IvDiagnostics.InstrumentalParts(
                y, xExo, exoNames, pick(z, tail(xExo.length, z.length)),
                pick(concat(exoNames, inst.names), instSel.kept, xExo.length), e, endoNames, xActual, names, b, resid, w);
        diagnostics.putAll(IvDiagnostics.compute(d, v, s, parts, second));
        return second;
    }

    // ---------------------------------------------------------------- shared pieces

    private record Columns(double[][] raw, double[][] demeaned, String[] names) {
    }

    /** Indices of the kept columns and the cross-product matrix of all examined columns. */
    private record Selection(int[] kept, double[][] gram) {
    }

    private static Columns regressors(double[][] x, String[] xNames, boolean intercept, DemeanedSample s) {
        int m = x == null ? 0 : x.length;
        int offset = intercept ? 1 : 0;
        double[][] raw = new double[m + offset][];
        double[][] demeaned = new double[m + offset][];
        String[] names = new String[m + offset];
        if (intercept) {
            double[] ones = new double[s.rows()];
            Arrays.fill(ones, 1.0);
            raw[0] = ones;
            demeaned[0] = ones;
            names[0] = INTERCEPT;
        }
        double[][] dm = s.demeanedAll(x == null ? new double[0][] : x);
        for (int j = 0; j < m; j++) {
            raw[offset + j] = s.subset(x[j]);
            demeaned[offset + j] = dm[j];
            names[offset + j] = xNames[j];
        }
        return new Columns(raw, demeaned, names);
    }

    /**
     * Keeps, in order, the columns not collinear with the fixed effects or with earlier kept columns;
     * the first {@code alwaysKeep} columns are taken as already selected.
     */
    private static Selection selectIndependent(double[][] demeaned, double[][] raw, String[] names, double[] w,
                                               List<String> notes, int alwaysKeep) {
        return selectIndependent(Matrices.crossProduct(demeaned, demeaned, w), Matrices.sumsOfSquares(raw, w),
                names, notes, alwaysKeep);
    }

    /** As above from the demeaned cross products and the raw (weighted) sums of squares. */
    private static Selection selectIndependent(double[][] gram, double[] rawSumsOfSquares, String[] names,
                                               List<String> notes, int alwaysKeep) {
        int m = gram.length;
        List<Integer> kept = new ArrayList<>();
        double[][] l = new double[m][m];
        for (int j = 0; j < m; j++) {
            double own = gram[j][j];
            double rawSs = rawSumsOfSquares[j];
            boolean absorbed = own <= COLLINEARITY_TOLERANCE * rawSs;
            double pivot = own;
            if (!absorbed) {
                for (int a = 0; a < kept.size(); a++) {
                    int ka = kept.get(a);
                    double sum = gram[j][ka];
                    for (int c = 0; c < a; c++) {
                        sum -= l[j][c] * l[ka][c];
                    }
                    l[j][a] = sum / l[ka][a];
                    pivot -= l[j][a] * l[j][a];
                }
            }
            if (j >= alwaysKeep && (absorbed || pivot <= COLLINEARITY_TOLERANCE * own)) {
                notes.add("The variable '" + names[j] + "' has been removed because of collinearity"
                        + (absorbed ? " with the fixed effects." : " with the other regressors."));
                continue;
            }
            l[j][kept.size()] = Math.sqrt(Math.max(pivot, Double.MIN_NORMAL));
            kept.add(j);
        }
        int[] out = new int[kept.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = kept.get(i);
        }
        return new Selection(out, gram);
    }

    static Estimate assemble(Design d, VcovRequest v, DemeanedSample s, String[] names, double[] b,
                             double[][] bread, double[][] scoreX, double[] resid, double[] yDemeaned,
                             boolean intercept, List<String> notes, Map<String, Object> diagnostics) {
        return assemble(d, v, s, names, b, bread, scoreX, resid, yDemeaned, Double.NaN, intercept, notes, diagnostics);
    }

    /** As above; {@code yDemeanedSs} is Σ w y~² when already known (NaN: computed here). */
    static Estimate assemble(Design d, VcovRequest v, DemeanedSample s, String[] names, double[] b,
                             double[][] bread, double[][] scoreX, double[] resid, double[] yDemeaned,
                             double yDemeanedSs, boolean intercept, List<String> notes,
                             Map<String, Object> diagnostics) {
        int n = resid.length;
        double[] w = s.weights();
        int[] levels = s.levels();
        int kSlopes = b.length;
        int feDof = FixedEffectsDegrees.fixestCount(levels);
        int kFull = kSlopes + feDof;
        double rss = Matrices.weightedDot(resid, resid, w);
        double[] y = s.subset(d.y());
        double tss = centredSumOfSquares(y, w);
        double rssFe = s.codes().length == 0 ? tss
                : Double.isNaN(yDemeanedSs) ? Matrices.weightedDot(yDemeaned, yDemeaned, w) : yDemeanedSs;

        int[][] clusters = null;
        if (v.type() == VcovType.CLUSTER && v.clusters() != null) {
            clusters = new int[v.clusters().length][];
            for (int c = 0; c < clusters.length; c++) {
                if (v.clusters()[c] == null || v.clusters()[c].length != d.rows()) {
                    throw new EstimationException("cluster variable '" + name(v.clusterNames(), c, "cluster")
                            + "' does not have one code per row");
                }
                for (int code : v.clusters()[c]) {
                    if (code < 0) {
                        throw new EstimationException("cluster variable '" + name(v.clusterNames(), c, "cluster")
                                + "' has a missing (negative) code");
                    }
                }
                clusters[c] = s.subset(v.clusters()[c]);
            }
        }
        int[] time = v.time() == null ? null : s.subset(v.time());
        int kDof = dofK(v, s, kSlopes, feDof, clusters, diagnostics);
        CovarianceEstimator.Result vc = CovarianceEstimator.compute(v.type(), clusters, v.clusterNames(), time,
                v.lag(), bread, scoreX, resid, w, rss, kDof);
        double[][] vcov = vc.vcov();
        int df = vc.dfResidual();
        int k = b.length;
        double[] se = new double[k];
        double[] stat = new double[k];
        double[] p = new double[k];
        double[] lo = new double[k];
        double[] hi = new double[k];
        double q = Distributions.tQuantile975(df);
        for (int j = 0; j < k; j++) {
            se[j] = Math.sqrt(vcov[j][j]);
            stat[j] = b[j] / se[j];
            p[j] = Distributions.twoSidedT(stat[j], df);
            lo[j] = b[j] - q * se[j];
            hi[j] = b[j] + q * se[j];
        }
        double r2 = 1 - rss / tss;
        double adjR2 = 1 - (rss / tss) * (n - 1.0) / (n - kFull);
        double r2Within = s.codes().length == 0 ? Double.NaN : 1 - rss / rssFe;
        double adjR2Within = s.codes().length == 0 ? Double.NaN
                : 1 - (rss / rssFe) * (double) (n - feDof) / (n - feDof - kSlopes);
        double rmse = Math.sqrt(rss / n);
        diagnostics.put("sigma", Math.sqrt(rss / (n - kFull)));
        diagnostics.put("dofK", kDof);
        if (!Double.isNaN(vc.smallSampleFactor())) {
            diagnostics.put("smallSampleFactor", vc.smallSampleFactor());
        }
        if (vc.lag() >= 0) {
            diagnostics.put("driscollKraayLag", vc.lag());
        }
        if (s.codes().length > 0 && !s.projector().lastConverged()) {
            notes.add("The fixed-effect demeaning stopped at the iteration limit before reaching the tolerance.");
        }
        if (s.singletonsDropped() > 0) {
            notes.add(s.singletonsDropped() + " singleton observation(s) removed.");
        }
        // joint Wald test of the slopes (intercept excluded)
        int[] slopeIdx = java.util.stream.IntStream.range(0, k).filter(j -> !names[j].equals(INTERCEPT)).toArray();
        double f = Double.NaN;
        double fp = Double.NaN;
        if (slopeIdx.length > 0) {
            try {
                WaldTest.Result wt = WaldTest.zero(b, vcov, slopeIdx, df, vc.clusterCounts());
                f = wt.f();
                fp = wt.fPValue();
            } catch (SingularCovarianceException ex) {
                // fixest reports the coefficients and leaves the F out; so do we, and say why
                diagnostics.put("fTestUnavailable", ex.getMessage());
                notes.add("Joint Wald F not reported: " + ex.getMessage() + ".");
            }
        }
        return new Estimate(names, b, vcov, se, stat, p, lo, hi, n, s.singletonsDropped(), s.keptRows(),
                levels, kFull, df, vc.clusterCounts(), r2, adjR2, r2Within, adjR2Within, rmse, rss, tss, rssFe,
                f, slopeIdx.length, df, fp, resid, diagnostics, notes);
    }

    /** K of the small-sample factor for the request's {@link FixefK} convention. */
    static int dofK(VcovRequest v, DemeanedSample s, int kSlopes, int feDof, int[][] clusters,
                    Map<String, Object> diagnostics) {
        FixefK rule = v.fixefK() == null ? FixefK.NESTED : v.fixefK();
        int[] levels = s.levels();
        switch (rule) {
            case NONE:
                return kSlopes;
            case FULL:
                return kSlopes + feDof;
            case FULL_EXACT: {
                int rank = FixedEffectsDegrees.exactRank(s.codes(), levels);
                if (rank < 0) {
                    throw new EstimationException("the exact fixed-effect rank is too large to compute ("
                            + "more than " + FixedEffectsDegrees.EXACT_RANK_LIMIT + " levels beyond the first dimension)");
                }
                diagnostics.put("fixedEffectRank", rank);
                return kSlopes + rank;
            }
            case NESTED:
            default: {
                if (v.type() != VcovType.CLUSTER || clusters == null) {
                    return kSlopes + feDof;
                }
                int k = kSlopes + feDof;
                for (int f = 0; f < levels.length; f++) {
                    for (int[] c : clusters) {
                        if (FixedEffectsDegrees.nestedIn(s.codes()[f], levels[f], c)) {
                            k -= levels[f] - 1;
                            break;
                        }
                    }
                }
                return k;
            }
        }
    }

    static double centredSumOfSquares(double[] y, double[] w) {
        int n = y.length;
        double sw = w == null ? n : sum(w);
        double sy = w == null ? sum(y) : Matrices.dot(w, y, null, 0, n);
        double mean = sy / sw;
        double s0 = 0;
        double s1 = 0;
        int i = 0;
        if (w == null) {
            for (; i + 1 < n; i += 2) {
                double d0 = y[i] - mean;
                double d1 = y[i + 1] - mean;
                s0 += d0 * d0;
                s1 += d1 * d1;
            }
            for (; i < n; i++) {
                double d0 = y[i] - mean;
                s0 += d0 * d0;
            }
        } else {
            for (; i + 1 < n; i += 2) {
                double d0 = y[i] - mean;
                double d1 = y[i + 1] - mean;
                s0 += w[i] * d0 * d0;
                s1 += w[i + 1] * d1 * d1;
            }
            for (; i < n; i++) {
                double d0 = y[i] - mean;
                s0 += w[i] * d0 * d0;
            }
        }
        return s0 + s1;
    }

    private static double sum(double[] v) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < v.length; i += 4) {
            s0 += v[i];
            s1 += v[i + 1];
            s2 += v[i + 2];
            s3 += v[i + 3];
        }
        for (; i < v.length; i++) {
            s0 += v[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** y − Σ_j b_j x_j, in cache blocks of rows. */
    static double[] residuals(double[] y, double[][] x, double[] b) {
        int n = y.length;
        double[] r = new double[n];
        for (int lo = 0; lo < n; lo += 2048) {
            int hi = Math.min(lo + 2048, n);
            System.arraycopy(y, lo, r, lo, hi - lo);
            for (int j = 0; j < x.length; j++) {
                double bj = b[j];
                double[] xj = x[j];
                for (int i = lo; i < hi; i++) {
                    r[i] -= bj * xj[i];
                }
            }
        }
        return r;
    }

    static double[] combination(double[][] x, double[] b) {
        double[] r = new double[x[0].length];
        for (int j = 0; j < x.length; j++) {
            double bj = b[j];
            double[] xj = x[j];
            for (int i = 0; i < r.length; i++) {
                r[i] += bj * xj[i];
            }
        }
        return r;
    }

    private static void validate(Design d) {
        if (d.y() == null) {
            throw new EstimationException("the dependent variable is missing");
        }
        int n = d.rows();
        String yName = d.yName() == null ? "dependent variable" : d.yName();
        checkFinite(d.y(), yName, n);
        checkColumns(d.x(), d.xNames(), n, "regressor");
        checkColumns(d.endogenous(), d.endogenousNames(), n, "endogenous regressor");
        checkColumns(d.instruments(), d.instrumentNames(), n, "instrument");
        if (d.weights() != null) {
            checkFinite(d.weights(), "weights", n);
            for (int i = 0; i < n; i++) {
                if (!(d.weights()[i] > 0)) {
                    throw new EstimationException("weights must be positive; row " + i + " has " + d.weights()[i]);
                }
            }
        }
        if (d.isInstrumental() && (d.instruments() == null || d.instruments().length == 0)) {
            throw new EstimationException("endogenous regressor(s) " + String.join(", ", d.endogenousNames())
                    + " given without excluded instruments");
        }
    }

    private static void checkColumns(double[][] cols, String[] names, int n, String kind) {
        if (cols == null) {
            return;
        }
        if (names == null || names.length != cols.length) {
            throw new EstimationException("each " + kind + " needs a name");
        }
        for (int j = 0; j < cols.length; j++) {
            checkFinite(cols[j], names[j], n);
        }
    }

    private static void checkFinite(double[] v, String name, int n) {
        if (v == null || v.length != n) {
            throw new EstimationException("term '" + name + "' has " + (v == null ? 0 : v.length)
                    + " values for " + n + " rows");
        }
        // 0·v is 0 for finite v and NaN otherwise: four independent lanes, then locate the row if needed
        double z0 = 0;
        double z1 = 0;
        double z2 = 0;
        double z3 = 0;
        int i0 = 0;
        for (; i0 + 3 < n; i0 += 4) {
            z0 += 0.0 * v[i0];
            z1 += 0.0 * v[i0 + 1];
            z2 += 0.0 * v[i0 + 2];
            z3 += 0.0 * v[i0 + 3];
        }
        for (; i0 < n; i0++) {
            z0 += 0.0 * v[i0];
        }
        if (z0 + z1 + z2 + z3 == 0) {
            return;
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(v[i])) {
                throw new EstimationException("term '" + name + "' has a missing or non-finite value (" + v[i]
                        + ") in row " + i + "; the formula layer must drop such rows");
            }
        }
    }

    private static String name(String[] names, int i, String fallback) {
        return names != null && i < names.length ? names[i] : fallback + " " + i;
    }

    static double[][] pick(double[][] a, int[] idx) {
        double[][] out = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = a[idx[i]];
        }
        return out;
    }

    static String[] pick(String[] a, int[] idx) {
        String[] out = new String[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = a[idx[i]];
        }
        return out;
    }

    /** Names of the selected indices at or after {@code from}. */
    private static String[] pick(String[] a, int[] idx, int from) {
        List<String> out = new ArrayList<>();
        for (int i : idx) {
            if (i >= from) {
                out.add(a[i]);
            }
        }
        return out.toArray(new String[0]);
    }

    private static int[] tail(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }

    static double[][] concat(double[][] a, double[][] b) {
        double[][] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
