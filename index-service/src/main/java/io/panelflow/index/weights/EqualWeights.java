package io.panelflow.index.weights;

/** Equal weights {@code w_j = 1 / m} for m indicators. */
public final class EqualWeights {

    private EqualWeights() {
    }

    public static double[] compute(int indicators) {
        double[] w = new double[indicators];
        java.util.Arrays.fill(w, 1.0 / indicators);
        return w;
    }
}
