package io.panelflow.estimation.threshold;

import io.panelflow.estimation.engine.DemeanedSample;
import io.panelflow.estimation.engine.Design;
import io.panelflow.estimation.engine.EstimationOptions;
import io.panelflow.estimation.engine.FixedEffectsProjector;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The sum-of-squared-residuals profile S1(γ) of a single-threshold fixed-effects model over a
 * candidate grid, computed by partitioned regression instead of one full regression per candidate.
 *
 * <p>Notation: M_D is the within (unit-demeaning) transformation, Z = M_D [x, z] the demeaned
 * regime-dependent regressor and common regressors, M_Z the residual maker of Z, and for a candidate γ
 * {@code s(γ) = x·1(q ≤ γ)}, {@code r(γ) = M_Z M_D s(γ)}. Since x·1(q &gt; γ) = x − s(γ), the
 * threshold model's regressors (x_low, x_high, z) span the same space as (s(γ), x, z), so
 * <pre>
 *   S0    = ‖e0‖²,  e0 = M_Z M_D y                       (model without threshold)
 *   S1(γ) = S0 − D(γ),  D(γ) = (r(γ)'e0)² / r(γ)'r(γ)     (Frisch–Waugh–Lovell)
 * </pre>
 * γ̂ is the candidate with the largest D (the smallest such candidate on ties), S1(γ̂) = S0 − D(γ̂),
 * and differences S1(γ) − S1(γ̂) = D(γ̂) − D(γ) are formed without subtracting two large SSRs.
 * M_Z is applied through an orthonormal basis of Z built by modified Gram–Schmidt with one
 * re-orthogonalization pass ("twice is enough"). A candidate whose r(γ)'r(γ) is at most 1e-10 of
 * ‖M_D s(γ)‖² adds nothing to Z (the regimes are not separately identified there): D(γ) = 0.
 *
 * <p>For another response v (the bootstrap), r(γ)'v = s(γ)' M_Z M_D v because M_D and M_Z commute
 * (Z lies in the within space), so every D(γ) for v follows from one pass of cumulative sums of
 * {@code x_i (M_Z M_D v)_i} over the rows sorted by q: see {@link #reductions(double[])}.
 *
 * <p>Further thresholds (Hansen 1999, sec. 4): with thresholds γ_1 … γ_j held fixed, their columns
 * x·1(q ≤ γ_f) join Z, so the same formulas give the SSR of the model with one more threshold at each
 * candidate, S0 is then the SSR of the model with the fixed thresholds, and a candidate is left out (D = 0)
 * when one of the regimes it makes with the fixed thresholds would hold fewer than max(1, k) observations
 * (k the trimmed count per end; a candidate equal to a fixed threshold makes an empty regime).
 *
 * <p>Columns: a regressor whose demeaned sum of squares is at most 1e-10 of its raw one is absorbed by
 * the unit effects; one whose squared distance from the earlier columns is at most 1e-10 of its demeaned
 * sum of squares is collinear. Both raise {@link ThresholdException} naming it.
 */
public final class ThresholdSearch {
    static final double TOLERANCE = 1e-10;

    private final ThresholdDesign design;
    private final ThresholdCandidates candidates;
    private final FixedEffectsProjector projector;
    private final int units;
    private final double[][] basis;
    private final double[] e0;
    private final double s0;
    private final double[] rr;
    private final double[] re;
    private final double[] reduction;
    private final boolean[] identified;
    private final int best;
    /** Rows sorted by q, and for candidate c the number of sorted rows with q ≤ γ_c. */
    private final int[] byQ;
    private final int[] upTo;
    private final double[] fixed;

    private ThresholdSearch(ThresholdDesign d, ThresholdCandidates c, double[] fixed) {
        this.design = d;
        this.candidates = c;
        this.fixed = fixed.clone();
        Arrays.sort(this.fixed);
        int n = d.rows();
        Design fe = Design.ols(d.y(), d.yName(), new double[0][], new String[0],
                new int[][]{d.unit()}, new String[]{"unit"});
        DemeanedSample sample = DemeanedSample.of(fe, EstimationOptions.DEFAULT);
        this.projector = sample.projector();
        this.units = sample.levels()[0];
        if (n - units < 1) {
            throw new ThresholdException("no within degrees of freedom: " + n + " rows in " + units + " units");
        }
        int f = this.fixed.length;
        double[][] raw = new double[d.common().length + 1 + f][];
        String[] names = new String[raw.length];
        raw[0] = d.regime();
        names[0] = d.regimeName();
        for (int j = 0; j < f; j++) {
            raw[j + 1] = d.regimeLow(this.fixed[j]);
            names[j + 1] = d.regimeName() + " at the threshold " + this.fixed[j];
        }
        for (int j = 0; j < d.common().length; j++) {
            raw[j + 1 + f] = d.common()[j];
            names[j + 1 + f] = d.commonNames()[j];
        }
        this.basis = orthonormalBasis(raw, names);
        this.e0 = residualize(projector.demean(d.y()));
        this.s0 = dot(e0, e0);

        int m = c.size();
        this.rr = new double[m];
        this.re = new double[m];
        this.reduction = new double[m];
        this.identified = new boolean[m];
        boolean[] allowed = allowed(d.q(), c, this.fixed);
        IntStream.range(0, m).parallel().forEach(k -> {
            if (!allowed[k]) {
                return;
            }
            double[] a = projector.demean(d.regimeLow(c.values()[k]));
            double aa = dot(a, a);
            double[] r = residualize(a);
            rr[k] = dot(r, r);
            re[k] = dot(r, e0);
            identified[k] = aa > 0 && rr[k] > TOLERANCE * aa;
            reduction[k] = identified[k] ? re[k] * re[k] / rr[k] : 0.0;
        });
        int arg = 0;
        for (int k = 1; k < m; k++) {
            if (reduction[k] > reduction[arg]) {
                arg = k;
            }
        }
        this.best = arg;

        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        double[] q = d.q();
        Arrays.sort(order, Comparator.comparingDouble(i -> q[i]));
        this.byQ = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
        this.upTo = new int[m];
        int p = 0;
        for (int k = 0; k < m; k++) {
            while (p < n && q[byQ[p]] <= c.values()[k]) {
                p++;
            }
            upTo[k] = p;
        }
    }

    /** Builds the profile of a design over a candidate grid. */
    public static ThresholdSearch of(ThresholdDesign d, ThresholdCandidates c) {
        return new ThresholdSearch(d, c, new double[0]);
    }

    /** The profile of one more threshold with the thresholds {@code fixed} held fixed. */
    public static ThresholdSearch given(ThresholdDesign d, ThresholdCandidates c, double... fixed) {
        return new ThresholdSearch(d, c, fixed);
    }

    /** Candidates whose regimes with the fixed thresholds all keep at least max(1, k) observations. */
    private static boolean[] allowed(double[] q, ThresholdCandidates c, double[] fixed) {
        boolean[] out = new boolean[c.size()];
        if (fixed.length == 0) {
            Arrays.fill(out, true);
            return out;
        }
        double[] sorted = q.clone();
        Arrays.sort(sorted);
        int min = Math.max(1, c.trimCount());
        for (int k = 0; k < out.length; k++) {
            double[] t = Arrays.copyOf(fixed, fixed.length + 1);
            t[fixed.length] = c.values()[k];
            Arrays.sort(t);
            boolean ok = true;
            int below = 0;
            for (int j = 0; j <= t.length && ok; j++) {
                int upTo = j < t.length ? countAtMost(sorted, t[j]) : sorted.length;
                ok = upTo - below >= min;
                below = upTo;
            }
            out[k] = ok;
        }
        return out;
    }

    private static int countAtMost(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The thresholds held fixed, ascending (empty for the single-threshold search). */
    public double[] fixed() {
        return fixed.clone();
    }

    /** Within fitted values of the model with the fixed thresholds only: M_D y − e0. */
    public double[] nullFitted() {
        double[] w = projector.demean(design.y());
        for (int i = 0; i < w.length; i++) {
            w[i] -= e0[i];
        }
        return w;
    }

    private double[][] orthonormalBasis(double[][] raw, String[] names) {
        double[][] q = new double[raw.length][];
        for (int j = 0; j < raw.length; j++) {
            double[] v = projector.demean(raw[j]);
            double own = dot(v, v);
            if (own <= TOLERANCE * dot(raw[j], raw[j])) {
                throw new ThresholdException("regressor '" + names[j] + "' is absorbed by the unit fixed effects");
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    axpy(-dot(q[k], v), q[k], v);
                }
            }
            double norm2 = dot(v, v);
            if (norm2 <= TOLERANCE * own) {
                throw new ThresholdException("regressor '" + names[j] + "' is collinear with the other regressors");
            }
            double inv = 1.0 / Math.sqrt(norm2);
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
            q[j] = v;
        }
        return q;
    }

    /** M_Z v for a within-space v (a copy), projected twice for accuracy. */
    double[] residualize(double[] v) {
        double[] out = v.clone();
        for (int pass = 0; pass < 2; pass++) {
            for (double[] b : basis) {
                axpy(-dot(b, out), b, out);
            }
        }
        return out;
    }

    /**
     * For another response v: returns {@code {S0(v), D_1(v), …, D_m(v)}} with S0(v) = ‖M_Z M_D v‖² and
     * D_k(v) = (s(γ_k)' M_Z M_D v)² / r(γ_k)'r(γ_k) (0 for unidentified candidates).
     */
    public double[] reductions(double[] v) {
        double[] w = residualize(projector.demean(v));
        double[] out = new double[candidates.size() + 1];
        out[0] = dot(w, w);
        double[] x = design.regime();
        double cum = 0;
        int p = 0;
        for (int k = 0; k < candidates.size(); k++) {
            while (p < upTo[k]) {
                int i = byQ[p++];
                cum += x[i] * w[i];
            }
            out[k + 1] = identified[k] ? cum * cum / rr[k] : 0.0;
        }
        return out;
    }

    /** Residuals of the within regression at γ̂: e0 − (r'e0 / r'r) r. */
    public double[] residualsAtBest() {
        double[] r = residualize(projector.demean(design.regimeLow(gammaHat())));
        double[] e = e0.clone();
        double coef = identified[best] ? re[best] / rr[best] : 0.0;
        axpy(-coef, r, e);
        return e;
    }

    public ThresholdDesign design() {
        return design;
    }

    public ThresholdCandidates candidates() {
        return candidates;
    }

    /** Number of units n (levels of the unit effect). */
    public int units() {
        return units;
    }

    /** Within residual degrees of freedom as Hansen counts them: N − n (= n(T−1) when balanced). */
    public int withinDegrees() {
        return design.rows() - units;
    }

    public FixedEffectsProjector projector() {
        return projector;
    }

    public double s0() {
        return s0;
    }

    /** D(γ_k) = S0 − S1(γ_k) per candidate (a copy). */
    public double[] reductions() {
        return reduction.clone();
    }

    /** S1(γ_k) = S0 − D(γ_k) per candidate. */
    public double[] ssr() {
        double[] out = new double[reduction.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = s0 - reduction[k];
        }
        return out;
    }

    public int bestIndex() {
        return best;
    }

    public double gammaHat() {
        return candidates.values()[best];
    }

    public double bestReduction() {
        return reduction[best];
    }

    /** Whether candidate k separates the regimes (r(γ_k) not in the span of Z). */
    public boolean identified(int k) {
        return identified[k];
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += alpha * x[i];
        }
    }
}
