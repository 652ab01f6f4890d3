package io.panelflow.estimation.threshold;

/**
 * One step of Hansen's (1999) sequential test: k thresholds against k − 1.
 *
 * @param thresholds  k
 * @param gamma       the threshold this step adds (before refinement)
 * @param ssrNull     S_{k−1}: SSR of the model with k − 1 thresholds (S0 without threshold; for k = 2 S1(γ̂1);
 *                    for k = 3 S2 at (γ̂1, γ̂2^r) before refinement, as Hansen's F3)
 * @param ssr         S_k: the smallest SSR over the added threshold, the others held fixed
 * @param sigma2      S_k / (N − n)
 * @param f           F_k = (S_{k−1} − S_k) / σ̂²
 * @param search      the profile of the added threshold (the others fixed)
 */
public record ThresholdStep(int thresholds, double gamma, double ssrNull, double ssr, double sigma2, double f,
                            ThresholdSearch search) {

    /** The step from its search (S0 of the search is S_{k−1} unless given). */
    static ThresholdStep of(int k, ThresholdSearch search, double ssrNull) {
        double ssr = search.s0() - search.bestReduction();
        double sigma2 = ssr / search.withinDegrees();
        if (!(sigma2 > 0)) {
            throw new ThresholdException("the model with " + k + " thresholds fits exactly: sigma² is zero");
        }
        return new ThresholdStep(k, search.gammaHat(), ssrNull, ssr, sigma2, (ssrNull - ssr) / sigma2, search);
    }

    /** "single vs none", "double vs single", "triple vs double". */
    public String label() {
        return switch (thresholds) {
            case 1 -> "single vs none";
            case 2 -> "double vs single";
            case 3 -> "triple vs double";
            default -> thresholds + " vs " + (thresholds - 1);
        };
    }
}
