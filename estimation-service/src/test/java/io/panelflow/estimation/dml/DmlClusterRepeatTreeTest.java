package io.panelflow.estimation.dml;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.panelflow.estimation.dml.DmlPlrReferenceTest.close;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * D1 with the cluster-robust score variance, repeated cross-fitting and the XGBoost tree learners. The
 * clustered and repeated numbers are checked against independent computations from the cross-fitted
 * residuals (the formulas written out here), the tree learners for determinism and loosely against the
 * reference's ranger forest.
 */
class DmlClusterRepeatTreeTest {

    @org.junit.jupiter.api.BeforeAll
    static void read() {
        DmlPlrReferenceTest.read();
    }

    private static double[] y() {
        return DmlPlrReferenceTest.y;
    }

    /** One cluster per row: with D1's equal folds (n/K rows each) DoubleML's clustered variance is the plain one. */
    @Test
    void singletonClustersGiveTheReferenceStandardError() {
        int n = y().length;
        int[] own = new int[n];
        for (int i = 0; i < n; i++) {
            own[i] = 1000 + i;
        }
        DmlResult r = PartiallyLinearDml.fit(y(), DmlPlrReferenceTest.d, DmlPlrReferenceTest.x, DmlPlrReferenceTest.fold,
                own, new OlsLearner(), new OlsLearner(), 0.95);
        var e = DmlPlrReferenceTest.expected.get("i_ols");
        close(e.get("theta").asDouble(), r.theta(), 1e-10, "theta");
        close(e.get("se").asDouble(), r.se(), 1e-10, "se");
        close(e.get("J").asDouble(), r.j(), 1e-10, "J");
        close(e.get("mean_psi_sq").asDouble(), r.meanPsiSq(), 1e-10, "mean psi^2");
        assertEquals(n, r.clusters());
    }

    /**
     * Pairs of rows of the same fold form clusters (every fold then holds the same number of clusters): θ is the
     * pooled DML2 estimate and the variance the cluster sandwich Σ_c (Σ_{i∈c} ψ_i)² / (Σ_i v_i²)², computed here
     * from the out-of-fold predictions.
     */
    @Test
    void pairedClustersGiveTheClusterSandwich() {
        int[] fold = DmlPlrReferenceTest.fold;
        int n = fold.length;
        int[] cluster = new int[n];
        int[] seen = new int[10];
        for (int i = 0; i < n; i++) {
            cluster[i] = fold[i] * 100_000 + seen[fold[i]]++ / 2;
        }
        DmlResult r = PartiallyLinearDml.fit(y(), DmlPlrReferenceTest.d, DmlPlrReferenceTest.x, fold, cluster,
                new OlsLearner(), new OlsLearner(), 0.95);
        double vu = 0;
        double vv = 0;
        for (int i = 0; i < n; i++) {
            double u = y()[i] - r.lHat()[i];
            double v = DmlPlrReferenceTest.d[i] - r.mHat()[i];
            vu += v * u;
            vv += v * v;
        }
        double theta = vu / vv;
        java.util.Map<Integer, Double> sums = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            double u = y()[i] - r.lHat()[i];
            double v = DmlPlrReferenceTest.d[i] - r.mHat()[i];
            sums.merge(cluster[i], (u - theta * v) * v, Double::sum);
        }
        double meat = sums.values().stream().mapToDouble(s -> s * s).sum();
        close(DmlPlrReferenceTest.expected.get("i_ols").get("theta").asDouble(), r.theta(), 1e-10, "theta");
        close(theta, r.theta(), 1e-12, "theta by hand");
        close(Math.sqrt(meat) / vv, r.se(), 1e-10, "clustered se");
        assertEquals(n / 2, r.clusters());
        assertNotEquals(DmlPlrReferenceTest.expected.get("i_ols").get("se").asDouble(), r.se(), 1e-6);
    }

    @Test
    void aClusterAcrossFoldsIsRefused() {
        int n = y().length;
        int[] cluster = new int[n];
        for (int i = 0; i < n; i++) {
            cluster[i] = i % 7;
        }
        DmlException e = assertThrows(DmlException.class, () -> PartiallyLinearDml.fit(y(), DmlPlrReferenceTest.d,
                DmlPlrReferenceTest.x, DmlPlrReferenceTest.fold, cluster, new OlsLearner(), new OlsLearner(), 0.95));
        assertTrue(e.getMessage().contains("one fold"), e.getMessage());
    }

    /** The median aggregation checked against the formula on three and four random splits. */
    @Test
    void repeatedCrossFittingTakesTheMedians() {
        int n = y().length;
        for (int reps : new int[]{3, 4}) {
            org.apache.commons.math3.random.MersenneTwister rng = new org.apache.commons.math3.random.MersenneTwister(9);
            List<DmlResult> runs = new ArrayList<>();
            for (int r = 0; r < reps; r++) {
                int[] fold = new int[n];
                for (int i = 0; i < n; i++) {
                    fold[i] = 1 + rng.nextInt(5);
                }
                runs.add(PartiallyLinearDml.fit(y(), DmlPlrReferenceTest.d, DmlPlrReferenceTest.x, fold,
                        new OlsLearner(), new OlsLearner(), 0.95));
            }
            RepeatedCrossFitting agg = RepeatedCrossFitting.aggregate(runs, 0.95);
            double[] t = runs.stream().mapToDouble(DmlResult::theta).sorted().toArray();
            double median = reps % 2 == 1 ? t[reps / 2] : (t[reps / 2 - 1] + t[reps / 2]) / 2;
            close(median, agg.theta(), 1e-15, "median theta");
            double[] v = runs.stream().mapToDouble(d -> n * d.se() * d.se() + (d.theta() - median) * (d.theta() - median))
                    .sorted().toArray();
            double mv = reps % 2 == 1 ? v[reps / 2] : (v[reps / 2 - 1] + v[reps / 2]) / 2;
            close(Math.sqrt(mv / n), agg.se(), 1e-14, "aggregated se");
            double[] ub = runs.stream().mapToDouble(d -> d.theta() + d.se()).sorted().toArray();
            double mub = reps % 2 == 1 ? ub[reps / 2] : (ub[reps / 2 - 1] + ub[reps / 2]) / 2;
            close(mub - median, agg.seUpperBoundMedian(), 1e-12, "upper-bound se");
            close(agg.theta() - 1.959963984540054 * agg.se(), agg.ciLow(), 1e-12, "ci low");
        }
        RepeatedCrossFitting one = RepeatedCrossFitting.aggregate(List.of(PartiallyLinearDml.fit(y(),
                DmlPlrReferenceTest.d, DmlPlrReferenceTest.x, DmlPlrReferenceTest.fold, new OlsLearner(),
                new OlsLearner(), 0.95)), 0.95);
        close(DmlPlrReferenceTest.expected.get("i_ols").get("se").asDouble(), one.se(), 1e-12, "R = 1 is the single split");
    }

    /**
     * XGBoost random forest on D1's folds: two runs give the identical θ, and θ lies within 2 SE of the true 0.5
     * and within 1 SE of the reference's ranger forest (a different forest implementation: a loose check, as the
     * case prescribes).
     */
    @Test
    void randomForestIsDeterministicAndCloseToRanger() {
        var rf = DmlPlrReferenceTest.expected.get("iii_random_forest");
        RandomForestLearner learner = new RandomForestLearner(100, null, null, 4242);
        DmlResult a = PartiallyLinearDml.fit(y(), DmlPlrReferenceTest.d, DmlPlrReferenceTest.x, DmlPlrReferenceTest.fold,
                learner, learner, 0.95);
        DmlResult b = PartiallyLinearDml.fit(y(), DmlPlrReferenceTest.d, DmlPlrReferenceTest.x, DmlPlrReferenceTest.fold,
                learner, learner, 0.95);
        assertEquals(a.theta(), b.theta(), 0.0, "same seed, same theta");
        assertArrayEquals(a.lHat(), b.lHat(), 0.0);
        double theta0 = DmlPlrReferenceTest.generator.get("theta0").asDouble();
        assertTrue(Math.abs(a.theta() - theta0) < 2 * a.se(), "theta " + a.theta() + " se " + a.se());
        assertTrue(Math.abs(a.theta() - rf.get("theta").asDouble()) < rf.get("se").asDouble(),
                "theta " + a.theta() + " vs ranger " + rf.get("theta").asDouble());
        assertTrue(Math.abs(a.se() / rf.get("se").asDouble() - 1) < 0.2, "se " + a.se());
        DmlResult other = PartiallyLinearDml.fit(y(), DmlPlrReferenceTest.d, DmlPlrReferenceTest.x,
                DmlPlrReferenceTest.fold, new RandomForestLearner(20, null, null, 7), new RandomForestLearner(20, null, null, 7), 0.95);
        assertNotEquals(a.theta(), other.theta(), "another seed or size, another forest");
        assertThrows(DmlException.class, () -> a.lFits()[0].predict(DmlPlrReferenceTest.x), "released after cross-fitting");
    }

    @Test
    void gradientBoostingIsDeterministicAndCoversTheTruth() {
        GradientBoostingLearner learner = new GradientBoostingLearner(200, 3, 0.05, null, 1);
        DmlResult a = PartiallyLinearDml.fit(y(), DmlPlrReferenceTest.d, DmlPlrReferenceTest.x, DmlPlrReferenceTest.fold,
                learner, learner, 0.95);
        DmlResult b = PartiallyLinearDml.fit(y(), DmlPlrReferenceTest.d, DmlPlrReferenceTest.x, DmlPlrReferenceTest.fold,
                learner, learner, 0.95);
        assertEquals(a.theta(), b.theta(), 0.0);
        assertEquals(a.se(), b.se(), 0.0);
        double theta0 = DmlPlrReferenceTest.generator.get("theta0").asDouble();
        assertTrue(Math.abs(a.theta() - theta0) < 2 * a.se(), "theta " + a.theta() + " se " + a.se());
    }
}
