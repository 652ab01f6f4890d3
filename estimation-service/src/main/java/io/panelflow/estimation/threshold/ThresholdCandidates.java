package io.panelflow.estimation.threshold;

import java.util.Arrays;

/**
 * The trimmed grid of threshold candidates (Hansen 1999, sec. 2): sort the N values of q with repeats,
 * {@code q_(1) ≤ … ≤ q_(N)}; with {@code k = floor(trim · N)} (IEEE product, as R's {@code floor(trim * N)})
 * the candidates are the distinct values among {@code q_(k+1), …, q_(N−k)}, ascending — the k lowest and
 * k highest observations can never be a threshold, so each regime keeps at least k observations.
 *
 * @param trimCount k
 * @param values    the distinct candidates, ascending
 */
public record ThresholdCandidates(int trimCount, double[] values) {

    public static ThresholdCandidates trimmed(double[] q, double trim) {
        if (!(trim >= 0 && trim < 0.5)) {
            throw new ThresholdException("trimming share must be in [0, 0.5), got " + trim);
        }
        int n = q.length;
        double[] sorted = q.clone();
        Arrays.sort(sorted);
        int k = (int) Math.floor(trim * n);
        if (n - 2 * k < 1) {
            throw new ThresholdException("no candidate left after trimming " + k + " observations at each end of " + n);
        }
        double[] out = new double[n - 2 * k];
        int m = 0;
        for (int i = k; i < n - k; i++) {
            if (m == 0 || sorted[i] != out[m - 1]) {
                out[m++] = sorted[i];
            }
        }
        return new ThresholdCandidates(k, Arrays.copyOf(out, m));
    }

    public int size() {
        return values.length;
    }
}
