package io.panelflow.estimation.did;

import io.panelflow.estimation.engine.Distributions;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The group-time effects of {@link CallawaySantAnna} with their influence functions, and did 2.1.2's
 * aggregations ({@code aggte(..., bstrap = FALSE)}) and Wald pre-test.
 *
 * <p>Aggregation over a set S of cells k = (g_k, t_k) with weights from the cohort shares
 * {@code p_k = n_{g_k}/n} (n all units, never-treated included), {@code s = Σ_{k∈S} p_k}:
 * <pre>  θ_S = Σ_{k∈S} (p_k/s) ATT_k
 *   ψ_{S,i} = Σ_{k∈S} (p_k/s) ψ_{k,i}
 *           + Σ_{k∈S} ATT_k [ (1{G_i = g_k} − p_k)/s − (p_k/s²) Σ_{j∈S} (1{G_i = g_j} − p_j) ]</pre>
 * (the second line is the estimation effect of the weights), SE = sqrt(Σ_i ψ_{S,i}²)/n, normal 95% intervals.
 * <ul>
 *   <li>simple: S = all post cells (t ≥ g);</li>
 *   <li>dynamic θ(e): S = the cells with t − g = e, for every e present; overall = mean of θ(e) over e ≥ 0,
 *       influence function the mean of theirs.</li>
 * </ul>
 *
 * @param units         n
 * @param periods       the periods, ascending
 * @param groups        the treated cohorts, ascending
 * @param groupSizes    units per cohort (same order as groups)
 * @param neverTreated  number of never-treated units
 * @param unitCohorts   the cohort of each unit (0 = never treated)
 * @param attGt         ATT(g, t) by cohort, then period
 * @param influence     {@code influence[k][i]} = ψ_{k,i} of cell k and unit i (scaled so that SE = sqrt(Σψ²)/n)
 * @param controlGroup  the comparison units of every cell
 * @param covariates    the covariates of the doubly robust estimator (empty: none)
 */
public record CallawaySantAnnaResult(int units, int[] periods, int[] groups, int[] groupSizes, int neverTreated,
                                     int[] unitCohorts, List<GroupTimeAtt> attGt, double[][] influence,
                                     ControlGroup controlGroup, List<String> covariates) {

    public CallawaySantAnnaResult {
        attGt = List.copyOf(attGt);
        covariates = covariates == null ? List.of() : List.copyOf(covariates);
    }

    /** did's simple aggregation: the cohort-share weighted mean of the post-treatment ATT(g, t). */
    public AggregateEstimate simple() {
        List<Integer> post = new ArrayList<>();
        for (int k = 0; k < attGt.size(); k++) {
            if (attGt.get(k).post()) {
                post.add(k);
            }
        }
        if (post.isEmpty()) {
            throw new DidException("no post-treatment group-time cell to aggregate");
        }
        double[][] r = aggregate(post);
        return summary(r[0][0], r[1]);
    }

    /** did's dynamic (event-study) aggregation and its overall effect over e ≥ 0. */
    public DynamicAggregation dynamic() {
        TreeSet<Integer> events = new TreeSet<>();
        for (GroupTimeAtt c : attGt) {
            events.add(c.eventTime());
        }
        List<EventTimeEstimate> out = new ArrayList<>();
        double[] overallPsi = new double[units];
        double overall = 0;
        int nonNegative = 0;
        for (int e : events) {
            List<Integer> cells = new ArrayList<>();
            for (int k = 0; k < attGt.size(); k++) {
                if (attGt.get(k).eventTime() == e) {
                    cells.add(k);
                }
            }
            double[][] r = aggregate(cells);
            out.add(summary(r[0][0], r[1]).at(e));
            if (e >= 0) {
                nonNegative++;
                overall += r[0][0];
                for (int i = 0; i < units; i++) {
                    overallPsi[i] += r[1][i];
                }
            }
        }
        if (nonNegative == 0) {
            throw new DidException("no event time e ≥ 0 to average");
        }
        for (int i = 0; i < units; i++) {
            overallPsi[i] /= nonNegative;
        }
        return new DynamicAggregation(out, summary(overall / nonNegative, overallPsi));
    }

    /**
     * Wald test that every pre-treatment ATT(g, t) is zero: {@code W = n a' V⁻¹ a}, V = ψ'ψ/n on those cells,
     * χ² with as many degrees of freedom as cells.
     *
     * @throws DidException when there is no pre-treatment cell or their covariance is singular
     */
    public PreTrendTest preTrendTest() {
        List<Integer> pre = new ArrayList<>();
        for (int k = 0; k < attGt.size(); k++) {
            if (!attGt.get(k).post()) {
                pre.add(k);
            }
        }
        int m = pre.size();
        if (m == 0) {
            throw new DidException("no pre-treatment group-time cell: the pre-test needs a cohort with two or more"
                    + " pre-treatment periods");
        }
        double[][] v = new double[m][m];
        double[] a = new double[m];
        for (int r = 0; r < m; r++) {
            a[r] = attGt.get(pre.get(r)).att();
            double[] pr = influence[pre.get(r)];
            for (int c = 0; c <= r; c++) {
                double[] pc = influence[pre.get(c)];
                double s = 0;
                for (int i = 0; i < units; i++) {
                    s += pr[i] * pc[i];
                }
                v[r][c] = s / units;
                v[c][r] = s / units;
            }
        }
        RealVector sol;
        try {
            sol = new LUDecomposition(new Array2DRowRealMatrix(v, false)).getSolver().solve(new ArrayRealVector(a));
        } catch (SingularMatrixException ex) {
            throw new DidException("the covariance of the pre-treatment ATT(g, t) is singular");
        }
        double w = units * sol.dotProduct(new ArrayRealVector(a));
        return new PreTrendTest(w, m, Distributions.upperChiSquared(w, m));
    }

    /** {θ_S}, ψ_S for the cells S (indices into attGt). */
    double[][] aggregate(List<Integer> cells) {
        int m = cells.size();
        double[] p = new double[m];
        int[] g = new int[m];
        double s = 0;
        for (int k = 0; k < m; k++) {
            g[k] = attGt.get(cells.get(k)).group();
            p[k] = (double) groupSizes[java.util.Arrays.binarySearch(groups, g[k])] / units;
            s += p[k];
        }
        double theta = 0;
        double[] psi = new double[units];
        for (int k = 0; k < m; k++) {
            double w = p[k] / s;
            theta += w * attGt.get(cells.get(k)).att();
            double[] pk = influence[cells.get(k)];
            for (int i = 0; i < units; i++) {
                psi[i] += w * pk[i];
            }
        }
        for (int i = 0; i < units; i++) {
            int gi = unitCohorts[i];
            double sumDev = 0;
            for (int j = 0; j < m; j++) {
                sumDev += (gi == g[j] ? 1.0 : 0.0) - p[j];
            }
            double wif = 0;
            for (int k = 0; k < m; k++) {
                double ifk = ((gi == g[k] ? 1.0 : 0.0) - p[k]) / s - p[k] / (s * s) * sumDev;
                wif += ifk * attGt.get(cells.get(k)).att();
            }
            psi[i] += wif;
        }
        return new double[][]{{theta}, psi};
    }

    private AggregateEstimate summary(double estimate, double[] psi) {
        double ss = 0;
        for (double v : psi) {
            ss += v * v;
        }
        return AggregateEstimate.of(estimate, Math.sqrt(ss) / units, Double.POSITIVE_INFINITY);
    }
}
