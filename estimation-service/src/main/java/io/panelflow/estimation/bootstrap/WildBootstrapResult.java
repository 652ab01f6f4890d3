package io.panelflow.estimation.bootstrap;

import java.util.Arrays;
import java.util.Map;

/**
 * One wild cluster bootstrap-t test of {@code H0: b_j = r} against the two-sided alternative.
 *
 * @param term                 the tested coefficient's name
 * @param nullValue            r
 * @param type                 WCR or WCU
 * @param coefficient          the unrestricted estimate b̂_j
 * @param stdError             its clustered standard error (the model's convention)
 * @param statistic            {@code t = (b̂_j − r)/se_j}
 * @param tDf                  G − 1, the degrees of freedom of the analytic cluster t test
 * @param pAnalytic            {@code 2 P(T_{G−1} > |t|)}, the usual cluster t test, for comparison
 * @param baseCoefficients     the coefficients whose fitted values and residuals are resampled: restricted
 *                             (term fixed at r) for WCR, unrestricted for WCU; by term name
 * @param clusters             G
 * @param dofK                 K of the small-sample factor
 * @param smallSampleFactor    {@code c = G/(G−1)·(N−1)/(N−K)}, used for t and every t*
 * @param enumerated           whether all 2^G sign vectors were used (deterministic)
 * @param draws                the sign vectors, in draw order
 * @param tStar                {@code t*_b} for every draw b
 * @param countAtLeast         {@code #{b : |t*_b| ≥ |t|(1 − tol)}} (ties counted)
 * @param ties                 draws with {@code |t*_b|} within the tie tolerance of |t|
 * @param pValue               {@code countAtLeast / B}; the identity draw is one of the B and is not added again
 * @param pStrict              {@code #{b : |t*_b| > |t|(1 + tol)} / B} (ties excluded)
 */
public record WildBootstrapResult(String term, double nullValue, BootstrapType type,
                                  double coefficient, double stdError, double statistic, int tDf, double pAnalytic,
                                  Map<String, Double> baseCoefficients,
                                  int clusters, int dofK, double smallSampleFactor,
                                  boolean enumerated, RademacherDraws draws, double[] tStar,
                                  int countAtLeast, int ties, double pValue, double pStrict) {

    public WildBootstrapResult {
        baseCoefficients = Map.copyOf(baseCoefficients);
    }

    /** Number of draws B. */
    public int drawCount() {
        return tStar.length;
    }

    /**
     * Quantile of {@code |t*|} by R's {@code quantile(type = 1)} (inverse of the empirical cdf):
     * with the sorted values x_(1) ≤ … ≤ x_(B), {@code x_(j)} for {@code j = ⌈B·p⌉} (B·p within
     * 4·ulp-scale fuzz of an integer j is taken as j, as R does), and x_(1) for p = 0.
     */
    public double absTStarQuantile(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability outside [0, 1]: " + p);
        }
        double[] a = sortedAbs();
        double fuzz = 4 * Math.ulp(1.0);
        double np = a.length * p;
        int j = (int) Math.floor(np + fuzz);
        if (np > j + fuzz) {
            j++;
        }
        return a[Math.max(j, 1) - 1];
    }

    /** {@code max_b |t*_b|}. */
    public double maxAbsTStar() {
        double[] a = sortedAbs();
        return a[a.length - 1];
    }

    /**
     * The smallest {@code ||t*_b| − |t|| / |t|} over the draws that are not ties: how far the p-value is
     * from changing under a perturbation of the statistics (NaN when every draw is a tie).
     */
    public double minRelativeGapOfUntied(double tieTolerance) {
        double at = Math.abs(statistic);
        double min = Double.NaN;
        for (double t : tStar) {
            double gap = Math.abs(Math.abs(t) - at) / at;
            if (gap > tieTolerance && !(gap >= min)) {
                min = gap;
            }
        }
        return min;
    }

    private double[] sortedAbs() {
        double[] a = new double[tStar.length];
        for (int b = 0; b < a.length; b++) {
            a[b] = Math.abs(tStar[b]);
        }
        Arrays.sort(a);
        return a;
    }
}
