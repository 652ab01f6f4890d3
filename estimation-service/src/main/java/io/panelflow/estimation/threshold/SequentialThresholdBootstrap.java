package io.panelflow.estimation.threshold;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * The fixed-regressor bootstrap of Hansen's (1999, sec. 4) sequential tests for k = 2 and 3 thresholds (the
 * test of one threshold against none is {@link ThresholdBootstrap}). Under the null of k − 1 thresholds:
 * <pre>  y* = ŷ_{k−1} + e*</pre>
 * with ŷ_{k−1} the within fitted values of the model at the k − 1 estimated thresholds and e* whole unit
 * vectors of the within residuals of the k-threshold model, drawn with replacement ({@link ThresholdBootstrap#draws}),
 * so the panel must be balanced. Each replication repeats the whole sequential estimation on y*: γ*_1, then for
 * k = 2 the best second threshold given γ*_1 and F2* = (S1* − S2*) / (S2* / (N − n)); for k = 3 also the
 * refinement of γ*_1 given γ*_2 and the best third threshold, F3* = (S2^r* − S3*) / (S3* / (N − n)). The p-value
 * is #{F* ≥ F} / B. Profiles for a set of fixed thresholds are built once and shared by the replications.
 */
public final class SequentialThresholdBootstrap {
    private SequentialThresholdBootstrap() {
    }

    /** The bootstrap of step k (2 or 3) of {@code fit} with B seeded replications. */
    public static ThresholdBootstrapResult run(MultipleThresholdRegression fit, int k, int replications, long seed) {
        if (k < 2 || k > fit.steps().size()) {
            throw new ThresholdException("no step " + k + " in a fit of " + fit.steps().size() + " thresholds");
        }
        ThresholdStep step = fit.steps().get(k - 1);
        ThresholdSearch search = step.search();
        ThresholdDesign d = search.design();
        ThresholdCandidates c = search.candidates();
        int[][] rowsByUnit = ThresholdBootstrap.rowsByUnit(d);
        int n = rowsByUnit.length;
        int t = rowsByUnit[0].length;
        for (int[] rows : rowsByUnit) {
            if (rows.length != t) {
                throw new ThresholdException("the fixed-regressor bootstrap needs a balanced panel: units have "
                        + t + " and " + rows.length + " rows");
            }
        }
        int[][] draws = ThresholdBootstrap.draws(replications, n, seed);
        double[] fitted = search.nullFitted();
        double[] e = search.residualsAtBest();
        ThresholdSearch first = fit.steps().get(0).search();
        double dof = search.withinDegrees();
        Map<String, ThresholdSearch> profiles = new ConcurrentHashMap<>();
        double[] fStar = new double[replications];
        IntStream.range(0, replications).parallel().forEach(b -> {
            double[] y = fitted.clone();
            for (int j = 0; j < n; j++) {
                int[] to = rowsByUnit[j];
                int[] from = rowsByUnit[draws[b][j]];
                for (int s = 0; s < t; s++) {
                    y[to[s]] += e[from[s]];
                }
            }
            double g1 = c.values()[argmax(first.reductions(y))];
            double[] r2 = profile(profiles, d, c, g1).reductions(y);
            int b2 = argmax(r2);
            double s1 = r2[0];
            double s2 = r2[0] - r2[b2 + 1];
            if (k == 2) {
                fStar[b] = (s1 - s2) / (s2 / dof);
                return;
            }
            double g2 = c.values()[b2];
            double g1r = c.values()[argmax(profile(profiles, d, c, g2).reductions(y))];
            double[] r3 = profile(profiles, d, c, g1r, g2).reductions(y);
            double s3 = r3[0] - r3[argmax(r3) + 1];
            fStar[b] = (s2 - s3) / (s3 / dof);
        });
        int exceed = 0;
        for (double f : fStar) {
            if (f >= step.f()) {
                exceed++;
            }
        }
        return new ThresholdBootstrapResult(step.f(), fStar, draws, (double) exceed / replications);
    }

    /** The candidate index with the largest reduction ({@code r[0]} is S0; the first on ties). */
    private static int argmax(double[] r) {
        int best = 0;
        for (int k = 1; k < r.length - 1; k++) {
            if (r[k + 1] > r[best + 1]) {
                best = k;
            }
        }
        return best;
    }

    private static ThresholdSearch profile(Map<String, ThresholdSearch> cache, ThresholdDesign d,
                                           ThresholdCandidates c, double... fixed) {
        double[] key = fixed.clone();
        Arrays.sort(key);
        String name = Arrays.toString(key);
        ThresholdSearch found = cache.get(name);
        if (found == null) {
            // built outside the map's lock: the profile itself runs in parallel
            found = ThresholdSearch.given(d, c, key);
            ThresholdSearch raced = cache.putIfAbsent(name, found);
            found = raced == null ? found : raced;
        }
        return found;
    }
}
