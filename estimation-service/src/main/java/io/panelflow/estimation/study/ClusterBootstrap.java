package io.panelflow.estimation.study;

import io.panelflow.estimation.engine.Design;
import io.panelflow.estimation.engine.FixedEffectsDegrees;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Pairs cluster bootstrap of designs that share rows: each draw picks G clusters uniformly with
 * replacement ({@link Random} seeded once per analysis) and stacks all their rows. A cluster drawn twice
 * enters as two distinct clusters: the levels of every fixed effect nested in the cluster variable are
 * duplicated per copy (as Stata's {@code idcluster()}), the other fixed effects keep their levels.
 */
final class ClusterBootstrap {
    private final int[] cluster;
    private final int clusters;
    private final List<List<Integer>> rowsOfCluster = new ArrayList<>();
    private final Random random;

    /** @param cluster cluster code (0..G−1) of each design row */
    ClusterBootstrap(int[] cluster, long seed) {
        this.cluster = cluster;
        int g = 0;
        for (int c : cluster) {
            g = Math.max(g, c + 1);
        }
        this.clusters = g;
        for (int c = 0; c < g; c++) {
            rowsOfCluster.add(new ArrayList<>());
        }
        for (int i = 0; i < cluster.length; i++) {
            rowsOfCluster.get(cluster[i]).add(i);
        }
        this.random = new Random(seed);
    }

    int clusters() {
        return clusters;
    }

    /** One draw: for each resampled row, its source row and the copy number of its cluster in this draw. */
    record Draw(int[] rows, int[] copy) {
    }

    Draw next() {
        List<Integer> rows = new ArrayList<>();
        List<Integer> copies = new ArrayList<>();
        for (int k = 0; k < clusters; k++) {
            int c = random.nextInt(clusters);
            for (int r : rowsOfCluster.get(c)) {
                rows.add(r);
                copies.add(k);
            }
        }
        return new Draw(rows.stream().mapToInt(Integer::intValue).toArray(),
                copies.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The design restricted to a draw's rows, with nested fixed effects duplicated per cluster copy. */
    Design resample(Design d, Draw draw, int[] fixedEffectLevels) {
        int n = draw.rows().length;
        double[][] x = new double[d.x().length][];
        for (int j = 0; j < x.length; j++) {
            x[j] = pick(d.x()[j], draw.rows());
        }
        int[][] fe = new int[d.fixedEffects().length][];
        for (int k = 0; k < fe.length; k++) {
            int[] src = d.fixedEffects()[k];
            boolean nested = FixedEffectsDegrees.nestedIn(src, fixedEffectLevels[k], cluster);
            fe[k] = new int[n];
            Map<Long, Integer> codes = new HashMap<>();
            for (int i = 0; i < n; i++) {
                long key = nested ? ((long) src[draw.rows()[i]] << 32) | draw.copy()[i] : src[draw.rows()[i]];
                fe[k][i] = codes.computeIfAbsent(key, q -> codes.size());
            }
        }
        double[][] endo = new double[d.endogenous().length][];
        for (int j = 0; j < endo.length; j++) {
            endo[j] = pick(d.endogenous()[j], draw.rows());
        }
        double[][] inst = new double[d.instruments().length][];
        for (int j = 0; j < inst.length; j++) {
            inst[j] = pick(d.instruments()[j], draw.rows());
        }
        return new Design(pick(d.y(), draw.rows()), d.yName(), x, d.xNames(), fe, d.fixedEffectNames(),
                d.weights() == null ? null : pick(d.weights(), draw.rows()), endo, d.endogenousNames(), inst,
                d.instrumentNames());
    }

    private static double[] pick(double[] v, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = v[rows[i]];
        }
        return out;
    }
}
