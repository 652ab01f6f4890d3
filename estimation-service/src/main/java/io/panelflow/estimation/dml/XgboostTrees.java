package io.panelflow.estimation.dml;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.util.HashMap;
import java.util.Map;

/**
 * Training of an XGBoost regression ensemble with squared-error loss, reproducibly: one thread
 * ({@code nthread = 1}), the histogram method, a fixed seed, so the same data, settings and seed give
 * bit-identical predictions. Covariates are passed to XGBoost as single-precision floats (XGBoost's own
 * precision); NaN is XGBoost's missing value (the callers pass complete cases).
 */
final class XgboostTrees {
    private XgboostTrees() {
    }

    static TreeEnsembleFit train(double[][] x, double[] target, Map<String, Object> settings, int rounds) {
        int n = target.length;
        int p = x.length;
        if (n < 2) {
            throw new DmlException("a tree ensemble needs at least 2 training rows, got " + n);
        }
        for (int j = 0; j < p; j++) {
            if (x[j].length != n) {
                throw new DmlException("covariate " + (j + 1) + " has " + x[j].length + " rows, the target " + n);
            }
        }
        Map<String, Object> params = new HashMap<>(settings);
        params.put("objective", "reg:squarederror");
        params.put("tree_method", "hist");
        params.put("nthread", 1);
        params.put("verbosity", 0);
        float[] label = new float[n];
        for (int i = 0; i < n; i++) {
            label[i] = (float) target[i];
        }
        DMatrix train = null;
        try {
            train = new DMatrix(rowMajor(x, n), n, p, Float.NaN);
            train.setLabel(label);
            Booster booster = XGBoost.train(train, params, rounds, new HashMap<>(), null, null);
            return new TreeEnsembleFit(booster, p);
        } catch (XGBoostError e) {
            throw new DmlException("tree ensemble training failed: " + e.getMessage());
        } finally {
            if (train != null) {
                train.dispose();
            }
        }
    }

    /** Column-major doubles to XGBoost's row-major floats. */
    static float[] rowMajor(double[][] x, int n) {
        int p = x.length;
        float[] out = new float[n * p];
        for (int j = 0; j < p; j++) {
            double[] col = x[j];
            for (int i = 0; i < n; i++) {
                out[i * p + j] = (float) col[i];
            }
        }
        return out;
    }
}
