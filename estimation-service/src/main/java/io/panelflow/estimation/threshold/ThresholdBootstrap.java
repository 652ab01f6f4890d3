package io.panelflow.estimation.threshold;

import org.apache.commons.math3.random.MersenneTwister;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Hansen's (1999, sec. 3.2) fixed-regressor bootstrap of the test of no threshold.
 *
 * <p>The regressors and q stay fixed. The within residuals ê of the threshold model at γ̂ are grouped
 * by unit (each unit's vector in time order). A replication draws n units with replacement and gives
 * unit j (j-th in ascending unit code) the whole residual vector of the drawn unit: y*_jt = ê_{draw_j,t}
 * (adding X b̂ would not change F1, the statistic is invariant to it). On the same candidate grid:
 * <pre>  S0* = ‖M_Z M_D y*‖²,  S1*(γ) = S0* − D*(γ),  F1* = (S0* − min S1*) / (min S1* / (N − n))</pre>
 * and the p-value is #{b : F1*_b ≥ F1} / B. Drawing whole unit vectors needs a balanced panel
 * (every unit with the same number of rows).
 *
 * <p>Draws: {@link #run(ThresholdSearch, ThresholdEstimate, int[][])} takes given draws (to reproduce a
 * published run, e.g. draws exported from R); {@link #run(ThresholdSearch, ThresholdEstimate, int, long)}
 * draws them with {@link #draws(int, int, long)}: Commons Math's MT19937 seeded with {@code seed},
 * {@code nextInt(n)} per unit, replication by replication. The same seed always gives the same draws
 * and p-value; the stream is not R's {@code sample.int}, so with B replications expect the p-value to
 * differ from another implementation's by up to about 3√(p(1 − p)/B).
 */
public final class ThresholdBootstrap {
    private ThresholdBootstrap() {
    }

    /** B replications of n uniform unit positions 0..n−1 from MT19937 seeded with {@code seed}. */
    public static int[][] draws(int replications, int units, long seed) {
        if (replications < 1 || units < 1) {
            throw new ThresholdException("need at least one replication and one unit, got " + replications
                    + " and " + units);
        }
        MersenneTwister rng = new MersenneTwister(seed);
        int[][] out = new int[replications][units];
        for (int b = 0; b < replications; b++) {
            for (int j = 0; j < units; j++) {
                out[b][j] = rng.nextInt(units);
            }
        }
        return out;
    }

    /** Seeded bootstrap with {@code replications} draws. */
    public static ThresholdBootstrapResult run(ThresholdSearch search, ThresholdEstimate estimate,
                                               int replications, long seed) {
        return run(search, estimate, draws(replications, search.units(), seed));
    }

    /** Bootstrap with given draws ({@code draws[b][j]} 0-based unit positions in ascending unit code). */
    public static ThresholdBootstrapResult run(ThresholdSearch search, ThresholdEstimate estimate, int[][] draws) {
        ThresholdDesign d = search.design();
        int[][] rowsByUnit = rowsByUnit(d);
        int n = rowsByUnit.length;
        int t = rowsByUnit[0].length;
        for (int[] rows : rowsByUnit) {
            if (rows.length != t) {
                throw new ThresholdException("the fixed-regressor bootstrap needs a balanced panel: units have "
                        + t + " and " + rows.length + " rows");
            }
        }
        for (int b = 0; b < draws.length; b++) {
            if (draws[b].length != n) {
                throw new ThresholdException("replication " + (b + 1) + " has " + draws[b].length + " draws for "
                        + n + " units");
            }
            for (int v : draws[b]) {
                if (v < 0 || v >= n) {
                    throw new ThresholdException("replication " + (b + 1) + " draws unit position " + v
                            + " outside 0.." + (n - 1));
                }
            }
        }
        double[] e = search.residualsAtBest();
        double dof = search.withinDegrees();
        double[] fStar = new double[draws.length];
        IntStream.range(0, draws.length).parallel().forEach(b -> {
            double[] yStar = new double[d.rows()];
            for (int j = 0; j < n; j++) {
                int[] to = rowsByUnit[j];
                int[] from = rowsByUnit[draws[b][j]];
                for (int s = 0; s < t; s++) {
                    yStar[to[s]] = e[from[s]];
                }
            }
            double[] r = search.reductions(yStar);
            double max = 0;
            for (int k = 1; k < r.length; k++) {
                max = Math.max(max, r[k]);
            }
            double s1 = r[0] - max;
            fStar[b] = max / (s1 / dof);
        });
        int exceed = 0;
        for (double f : fStar) {
            if (f >= estimate.f1()) {
                exceed++;
            }
        }
        int[][] copy = Arrays.stream(draws).map(int[]::clone).toArray(int[][]::new);
        return new ThresholdBootstrapResult(estimate.f1(), fStar, copy, (double) exceed / draws.length);
    }

    /** Rows of each unit (units in ascending code), each in time order (row order when time is absent). */
    static int[][] rowsByUnit(ThresholdDesign d) {
        TreeMap<Integer, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < d.rows(); i++) {
            groups.computeIfAbsent(d.unit()[i], u -> new ArrayList<>()).add(i);
        }
        int[][] out = new int[groups.size()][];
        int p = 0;
        int[] time = d.time();
        for (List<Integer> rows : groups.values()) {
            if (time != null) {
                rows.sort((a, b) -> Integer.compare(time[a], time[b]));
            }
            out[p++] = rows.stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }
}
