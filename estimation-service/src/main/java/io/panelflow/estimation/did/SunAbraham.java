package io.panelflow.estimation.did;

import io.panelflow.estimation.engine.Design;
import io.panelflow.estimation.engine.Estimate;
import io.panelflow.estimation.engine.EstimationOptions;
import io.panelflow.estimation.engine.FixedEffectsRegression;
import io.panelflow.estimation.engine.FixefK;
import io.panelflow.estimation.engine.VcovRequest;
import io.panelflow.frame.PanelFrame;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sun and Abraham (2021) interaction-weighted event study, as fixest's {@code sunab(cohort, period)} with
 * reference period −1 and its {@code aggregate()}.
 *
 * <p>Regression: {@code y ~ Σ_{(c,l)} D_{c,l} + covariates | unit + period} with one dummy
 * {@code D_{c,l} = 1{cohort = c, period − c = l}} for every treated cohort c and relative period l ≠ −1
 * present in the sample; never-treated units (cohort 0, see {@link StaggeredPanel}) have all dummies 0 and
 * are the control cohort; the panel's covariates enter as further regressors (fixest
 * {@code y ~ sunab(cohort, period) + x | unit + period}), their coefficients outside every aggregate. Variance: clustered by unit, {@code V = G/(G−1)·(N−1)/(N−K)·bread·meat·bread},
 * K counted by the {@link FixefK} rule (default NESTED: the unit effects, nested in the cluster, are not
 * counted, so K = cells + covariates + number of periods; FULL: K = cells + covariates + units + periods − 1); inference from t(G−1).
 *
 * <p>Aggregation over a set S of cells: {@code θ_S = Σ_S w_cl b_cl}, {@code w_cl = n_cl / Σ_S n_cl},
 * n_cl the rows with D_{c,l} = 1 (cohort size in a balanced panel); {@code SE = sqrt(w' V_S w)}, V_S the
 * cells' block of the clustered vcov; t(G−1). Event time l: S = all cells with that l; ATT: S = all cells
 * with l ≥ 0. Cells dropped by the engine as collinear are left out of every aggregate.
 */
public final class SunAbraham {
    private SunAbraham() {
    }

    /** From a panel frame's unit and time columns, an outcome and a cohort column; clustered by unit, NESTED. */
    public static SunAbrahamResult estimate(PanelFrame frame, String outcome, String cohortColumn) {
        return estimate(StaggeredPanel.of(frame, outcome, cohortColumn), FixefK.NESTED);
    }

    /**
     * @param fixefK how the absorbed fixed effects count in the small-sample K
     * @throws DidException when there are no never-treated units or no treated cohort
     */
    public static SunAbrahamResult estimate(StaggeredPanel p, FixefK fixefK) {
        int n = p.rows();
        if (p.cohorts().length == 0) {
            throw new DidException("no treated cohort: every unit is never treated in the sample");
        }
        boolean never = false;
        for (int c : p.unitCohorts()) {
            never |= c == 0;
        }
        if (!never) {
            throw new DidException("no never-treated units: Sun-Abraham needs a never-treated control cohort");
        }
        // cells, ordered by relative period then cohort
        Map<Long, Integer> counts = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            int c = p.cohort()[i];
            if (c > 0 && p.relativeTime(i) != -1) {
                counts.merge(key(p.relativeTime(i), c), 1, Integer::sum);
            }
        }
        List<long[]> cells = new ArrayList<>();
        for (Map.Entry<Long, Integer> e : counts.entrySet()) {
            cells.add(new long[]{e.getKey(), e.getValue()});
        }
        cells.sort(Comparator.<long[]>comparingInt(x -> relOf(x[0])).thenComparingInt(x -> cohortOf(x[0])));
        int m = cells.size();
        int nCov = p.covariateNames().size();
        double[][] x = new double[m + nCov][];
        String[] names = new String[m + nCov];
        for (int j = 0; j < m; j++) {
            x[j] = new double[n];
        }
        for (int j = 0; j < nCov; j++) {
            x[m + j] = p.covariates()[j];
            names[m + j] = p.covariateNames().get(j);
        }
        Map<Long, Integer> index = new TreeMap<>();
        for (int k = 0; k < m; k++) {
            long kk = cells.get(k)[0];
            index.put(kk, k);
            names[k] = "cohort::" + cohortOf(kk) + ":rel::" + relOf(kk);
        }
        for (int i = 0; i < n; i++) {
            int c = p.cohort()[i];
            if (c > 0 && p.relativeTime(i) != -1) {
                x[index.get(key(p.relativeTime(i), c))][i] = 1.0;
            }
        }
        Design d = Design.ols(p.outcome(), p.outcomeName(), x, names, new int[][]{p.units(), p.periodCodes()},
                new String[]{"unit", "period"});
        VcovRequest v = VcovRequest.cluster(p.units(), "unit").withFixefK(fixefK == null ? FixefK.NESTED : fixefK);
        Estimate e = FixedEffectsRegression.fit(d, v, EstimationOptions.DEFAULT);
        double df = e.dfResidual();

        List<CohortPeriodEstimate> cellEstimates = new ArrayList<>();
        int[] term = new int[m];
        for (int k = 0; k < m; k++) {
            term[k] = e.indexOf(names[k]);
            if (term[k] < 0) {
                continue;
            }
            int j = term[k];
            long kk = cells.get(k)[0];
            cellEstimates.add(new CohortPeriodEstimate(cohortOf(kk), relOf(kk), e.coefficients()[j], e.stdErrors()[j],
                    e.statistics()[j], e.pValues()[j], e.confLow()[j], e.confHigh()[j], (int) cells.get(k)[1]));
        }
        List<EventTimeEstimate> events = new ArrayList<>();
        List<Integer> postCells = new ArrayList<>();
        int k = 0;
        while (k < m) {
            int rel = relOf(cells.get(k)[0]);
            List<Integer> same = new ArrayList<>();
            for (; k < m && relOf(cells.get(k)[0]) == rel; k++) {
                if (term[k] >= 0) {
                    same.add(k);
                    if (rel >= 0) {
                        postCells.add(k);
                    }
                }
            }
            if (!same.isEmpty()) {
                events.add(combine(e, cells, term, same, df).at(rel));
            }
        }
        if (postCells.isEmpty()) {
            throw new DidException("no estimable cell with relative period ≥ 0: the ATT is undefined");
        }
        return new SunAbrahamResult(e, cellEstimates, events, combine(e, cells, term, postCells, df));
    }

    private static AggregateEstimate combine(Estimate e, List<long[]> cells, int[] term, List<Integer> set, double df) {
        double total = 0;
        for (int k : set) {
            total += cells.get(k)[1];
        }
        double est = 0;
        double var = 0;
        double[][] v = e.vcov();
        for (int a : set) {
            double wa = cells.get(a)[1] / total;
            est += wa * e.coefficients()[term[a]];
            for (int b : set) {
                var += wa * (cells.get(b)[1] / total) * v[term[a]][term[b]];
            }
        }
        return AggregateEstimate.of(est, Math.sqrt(var), df);
    }

    private static long key(int rel, int cohort) {
        return ((long) rel << 32) | (cohort & 0xffffffffL);
    }

    private static int relOf(long key) {
        return (int) (key >> 32);
    }

    private static int cohortOf(long key) {
        return (int) key;
    }
}
