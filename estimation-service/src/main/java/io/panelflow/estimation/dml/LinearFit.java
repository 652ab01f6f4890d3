package io.panelflow.estimation.dml;

/**
 * A fitted linear predictor {@code f(x) = b0 + Σ_j b_j x_j} on the original covariate scale.
 *
 * @param intercept    b0
 * @param coefficients b_1..b_p
 * @param iterations   solver sweeps (coordinate descent), 0 for a direct solve
 */
public record LinearFit(double intercept, double[] coefficients, int iterations) implements FittedNuisance {

    @Override
    public double[] predict(double[][] x) {
        if (x.length != coefficients.length) {
            throw new DmlException("the fit has " + coefficients.length + " covariates, the new data " + x.length);
        }
        int n = x.length == 0 ? 0 : x[0].length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = intercept;
            for (int j = 0; j < coefficients.length; j++) {
                s += coefficients[j] * x[j][i];
            }
            out[i] = s;
        }
        return out;
    }

    /** Number of non-zero slope coefficients. */
    public int nonZero() {
        int k = 0;
        for (double b : coefficients) {
            if (b != 0.0) {
                k++;
            }
        }
        return k;
    }
}
