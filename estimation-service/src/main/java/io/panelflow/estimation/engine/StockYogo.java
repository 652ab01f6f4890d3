package io.panelflow.estimation.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stock–Yogo (2005, Table 5.2) critical values of the Cragg–Donald F for 2SLS with one endogenous
 * regressor: the F below which the actual size of a nominal 5% Wald test may exceed 10%, 15%, 20%
 * or 25%, for 1 to 5 excluded instruments. Other configurations return an empty map.
 */
public final class StockYogo {
    private static final double[][] ONE_ENDOGENOUS_MAX_IV_SIZE = {
            {16.38, 8.96, 6.66, 5.53},
            {19.93, 11.59, 8.75, 7.25},
            {22.30, 12.83, 9.54, 7.80},
            {24.58, 13.96, 10.26, 8.31},
            {26.87, 15.09, 10.98, 8.84},
    };

    private StockYogo() {
    }

    /** Critical values keyed "10%", "15%", "20%", "25%" maximal IV size, or empty when not tabulated here. */
    public static Map<String, Double> maximalIvSize(int endogenous, int excludedInstruments) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (endogenous != 1 || excludedInstruments < 1 || excludedInstruments > ONE_ENDOGENOUS_MAX_IV_SIZE.length) {
            return out;
        }
        double[] row = ONE_ENDOGENOUS_MAX_IV_SIZE[excludedInstruments - 1];
        String[] keys = {"10%", "15%", "20%", "25%"};
        for (int i = 0; i < keys.length; i++) {
            out.put(keys[i], row[i]);
        }
        return out;
    }
}
