package io.panelflow.estimation.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** Placeholder, completed below. */
final class IvDiagnostics {
    record InstrumentalParts(double[] y, double[][] exogenous, String[] exogenousNames, double[][] instruments,
                             String[] instrumentNames, double[][] endogenous, String[] endogenousNames,
                             double[][] regressors, String[] regressorNames, double[] coefficients,
                             double[] residuals, double[] weights) {
    }

    static Map<String, Object> compute(Design d, VcovRequest v, DemeanedSample s, InstrumentalParts p, Estimate second) {
        return new LinkedHashMap<>();
    }
}
