package io.panelflow.estimation.threshold;

/**
 * Hansen's (1999, sec. 3.3) likelihood-ratio confidence set for the threshold:
 * <pre>  LR(γ) = (S1(γ) − S1(γ̂)) / σ̂²,   set = {candidate γ : LR(γ) ≤ c(α)},   c(α) = −2 ln(1 − √(1 − α))</pre>
 * where 1 − α is the confidence level (c = 7.35 at 95%). The set is reported on the candidate grid,
 * with its smallest and largest member and whether it is one run of consecutive candidates.
 *
 * @param level         confidence level 1 − α
 * @param criticalValue c(α)
 * @param lr            LR(γ_k) for every candidate
 * @param inSet         LR(γ_k) ≤ c(α)
 * @param size          number of candidates in the set
 * @param lower         smallest candidate in the set
 * @param upper         largest candidate in the set
 * @param contiguous    whether the members are consecutive in candidate order
 */
public record LikelihoodRatioSet(double level, double criticalValue, double[] lr, boolean[] inSet,
                                 int size, double lower, double upper, boolean contiguous) {

    /** c(α) = −2 ln(1 − √level). */
    public static double criticalValue(double level) {
        if (!(level > 0 && level < 1)) {
            throw new ThresholdException("confidence level must be in (0, 1), got " + level);
        }
        return -2.0 * Math.log(1.0 - Math.sqrt(level));
    }

    /** The set from the candidates and their LR statistics. */
    public static LikelihoodRatioSet of(double[] candidates, double[] lr, double level) {
        double c = criticalValue(level);
        boolean[] in = new boolean[lr.length];
        int size = 0;
        int first = -1;
        int last = -1;
        for (int k = 0; k < lr.length; k++) {
            in[k] = lr[k] <= c;
            if (in[k]) {
                size++;
                if (first < 0) {
                    first = k;
                }
                last = k;
            }
        }
        boolean contiguous = size > 0 && last - first + 1 == size;
        return new LikelihoodRatioSet(level, c, lr, in, size,
                first < 0 ? Double.NaN : candidates[first], last < 0 ? Double.NaN : candidates[last], contiguous);
    }
}
