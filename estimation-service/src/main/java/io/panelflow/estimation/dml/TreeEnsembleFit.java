package io.panelflow.estimation.dml;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A fitted XGBoost ensemble (a random forest or a boosted ensemble) as a nuisance function. The booster
 * lives outside the Java heap: {@link #close()} frees it (cross-fitting closes each fit after predicting
 * its held-out fold); predicting after that is an error.
 */
public final class TreeEnsembleFit implements FittedNuisance, AutoCloseable {
    private Booster booster;
    private final int covariates;

    TreeEnsembleFit(Booster booster, int covariates) {
        this.booster = booster;
        this.covariates = covariates;
    }

    @Override
    public synchronized double[] predict(double[][] x) {
        if (booster == null) {
            throw new DmlException("the tree ensemble was released after cross-fitting");
        }
        if (x.length != covariates) {
            throw new DmlException("the ensemble has " + covariates + " covariates, the new data " + x.length);
        }
        int n = x.length == 0 ? 0 : x[0].length;
        try {
            float[][] p = booster.inplace_predict(XgboostTrees.rowMajor(x, n), n, covariates, Float.NaN);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = p[i][0];
            }
            return out;
        } catch (XGBoostError e) {
            throw new DmlException("tree ensemble prediction failed: " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (booster != null) {
            booster.dispose();
            booster = null;
        }
    }
}
