package io.panelflow.estimation.did;

/**
 * A permutation placebo test of the two-way fixed-effects ATT.
 *
 * @param estimate     the TWFE estimate with the true adoption years
 * @param placebo      the TWFE estimate of each permutation, in draw order
 * @param pValue       two-sided: the share of permutations with |placebo| ≥ |estimate|
 * @param permutations number of permutations
 * @param seed         seed of the permutations
 */
public record PlaceboResult(double estimate, double[] placebo, double pValue, int permutations, long seed) {

    public double mean() {
        double s = 0;
        for (double v : placebo) {
            s += v;
        }
        return s / placebo.length;
    }

    /** Sample standard deviation (n − 1); NaN for one permutation. */
    public double sd() {
        double m = mean();
        double s = 0;
        for (double v : placebo) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (placebo.length - 1));
    }
}
