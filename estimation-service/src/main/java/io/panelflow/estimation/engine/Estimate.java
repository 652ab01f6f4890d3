package io.panelflow.estimation.engine;

import java.util.List;
import java.util.Map;

/**
 * The result of one fitted regression, in the engine's own terms (the study layer maps it to the
 * shared {@code ModelResult}).
 *
 * @param terms             names of the estimated coefficients (collinear terms removed, see notes)
 * @param keptRows          for each row of the input design, whether it is in the estimation sample
 *                          (false for removed singletons)
 * @param fixedEffectLevels levels of each fixed-effect dimension in the estimation sample
 * @param kFull             parameters counted with every fixed effect (slopes + FE levels − redundant levels)
 * @param dfResidual        residual degrees of freedom used for t tests (N − K, or G − 1 when clustered)
 * @param clusterCounts     number of clusters per cluster dimension, or empty
 * @param fStat             joint Wald F of all slopes with the model's vcov, its df and p-value
 * @param diagnostics       estimator-specific statistics (first stages, weak-IV tests, ...)
 * @param notes             plain-language notes (dropped collinear terms, removed singletons)
 */
public record Estimate(String[] terms, double[] coefficients, double[][] vcov,
                       double[] stdErrors, double[] statistics, double[] pValues,
                       double[] confLow, double[] confHigh,
                       int nobs, int singletonsDropped, boolean[] keptRows,
                       int[] fixedEffectLevels, int kFull, int dfResidual, int[] clusterCounts,
                       double r2, double adjR2, double r2Within, double adjR2Within, double rmse,
                       double rss, double tss, double tssWithin,
                       double fStat, int fDf1, int fDf2, double fPValue,
                       double[] residuals,
                       Map<String, Object> diagnostics, List<String> notes) {

    public int indexOf(String term) {
        for (int j = 0; j < terms.length; j++) {
            if (terms[j].equals(term)) {
                return j;
            }
        }
        return -1;
    }
}
