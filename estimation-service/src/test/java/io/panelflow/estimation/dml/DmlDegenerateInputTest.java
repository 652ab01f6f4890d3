package io.panelflow.estimation.dml;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Learner properties and precise failures on small synthetic data. */
class DmlDegenerateInputTest {

    static double[][] covariates(int n, int p) {
        double[][] x = new double[p][n];
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < n; i++) {
                x[j][i] = Math.sin(0.7 * i * (j + 1) + j);
            }
        }
        return x;
    }

    @Test
    void lassoWithZeroPenaltyIsOls() {
        double[][] x = covariates(60, 4);
        double[] t = new double[60];
        for (int i = 0; i < 60; i++) {
            t[i] = 1 + 2 * x[0][i] - x[2][i] + 0.3 * Math.cos(5.0 * i);
        }
        LinearFit ols = new OlsLearner().fit(x, t);
        LinearFit lasso = new LassoLearner(0.0).fit(x, t);
        assertEquals(ols.intercept(), lasso.intercept(), 1e-10);
        for (int j = 0; j < 4; j++) {
            assertEquals(ols.coefficients()[j], lasso.coefficients()[j], 1e-10);
        }
    }

    @Test
    void lassoAtTheMaximalPenaltyIsTheMean() {
        double[][] x = covariates(50, 3);
        double[] t = new double[50];
        double mean = 0;
        for (int i = 0; i < 50; i++) {
            t[i] = x[1][i] + 0.1 * i;
            mean += t[i] / 50;
        }
        // lambda_max = max_j |z_j'(t - mean)| / n: everything above it gives the empty model
        LinearFit fit = new LassoLearner(1e3).fit(x, t);
        assertEquals(0, fit.nonZero());
        assertEquals(mean, fit.intercept(), 1e-12);
    }

    @Test
    void constantCovariateGetsAZeroLassoCoefficient() {
        double[][] x = covariates(40, 2);
        java.util.Arrays.fill(x[1], 3.0);
        double[] t = x[0].clone();
        LinearFit fit = new LassoLearner(0.01).fit(x, t);
        assertEquals(0.0, fit.coefficients()[1]);
        assertTrue(fit.coefficients()[0] > 0.9);
    }

    @Test
    void collinearCovariatesFailOlsWithAReason() {
        double[][] x = covariates(40, 2);
        x[1] = x[0].clone();
        DmlException e = assertThrows(DmlException.class, () -> new OlsLearner().fit(x, x[0]));
        assertTrue(e.getMessage().contains("collinear"), e.getMessage());
    }

    @Test
    void badInputsAreNamed() {
        double[][] x = covariates(20, 2);
        double[] y = x[0].clone();
        double[] d = x[1].clone();
        int[] oneFold = new int[20];
        DmlException e1 = assertThrows(DmlException.class,
                () -> PartiallyLinearDml.fit(y, d, x, oneFold, new OlsLearner(), new OlsLearner(), 0.95));
        assertTrue(e1.getMessage().contains("2 folds"), e1.getMessage());
        int[] folds = new int[20];
        for (int i = 0; i < 20; i++) {
            folds[i] = i % 2;
        }
        double[] bad = d.clone();
        bad[3] = Double.POSITIVE_INFINITY;
        DmlException e2 = assertThrows(DmlException.class,
                () -> PartiallyLinearDml.fit(y, bad, x, folds, new OlsLearner(), new OlsLearner(), 0.95));
        assertTrue(e2.getMessage().contains("'d'") && e2.getMessage().contains("row 3"), e2.getMessage());
        // d is an exact linear function of x: residualized treatment has no variation
        double[] dLinear = new double[20];
        for (int i = 0; i < 20; i++) {
            dLinear[i] = 2 * x[0][i] - x[1][i];
        }
        DmlException e3 = assertThrows(DmlException.class,
                () -> PartiallyLinearDml.fit(y, dLinear, x, folds, new OlsLearner(), new OlsLearner(), 0.95));
        assertTrue(e3.getMessage().contains("no variation"), e3.getMessage());
    }
}
