package io.panelflow.index.weights;

/**
 * The linear composite of weighted normalized indicators: {@code score_i = Σ_j w_j x'_ij}
 * (the entropy score, the equal-weight and the CRITIC composite).
 */
public final class WeightedScore {

    private WeightedScore() {
    }

    /** @param normalized column-major: {@code normalized[j][i]} is indicator j of unit i */
    public static double[] compute(double[][] normalized, double[] weights) {
        int n = normalized.length == 0 ? 0 : normalized[0].length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < normalized.length; j++) {
                s += weights[j] * normalized[j][i];
            }
            out[i] = s;
        }
        return out;
    }
}
