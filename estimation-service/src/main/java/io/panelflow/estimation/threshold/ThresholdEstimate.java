package io.panelflow.estimation.threshold;

import io.panelflow.estimation.engine.Estimate;

/**
 * A fitted single-threshold fixed-effects panel model (Hansen 1999).
 *
 * @param candidates     the trimmed candidate grid
 * @param ssr            S1(γ_k) per candidate
 * @param gammaHat       γ̂ = argmin S1 (smallest on ties)
 * @param s0             SSR of the within regression without threshold
 * @param s1             S1(γ̂)
 * @param sigma2         σ̂² = S1(γ̂) / (N − n) (= n(T−1) balanced; no correction for regressors)
 * @param f1             F1 = (S0 − S1(γ̂)) / σ̂²
 * @param nLow           observations with q ≤ γ̂
 * @param nHigh          observations with q &gt; γ̂
 * @param confidenceSet  LR profile and confidence set
 * @param iid            the within regression at γ̂ (terms {@code x_low, x_high, z…}) with the iid vcov,
 *                       S1/(N − n − k) (X*'X*)⁻¹ (fixest "iid")
 * @param clustered      the same regression with unit-clustered vcov, fixest's small-sample factor
 *                       G/(G−1)(N−1)/(N−K), K = k + 1 (unit effects nested in the clusters)
 * @param seHansen       √diag(σ̂² (X*'X*)⁻¹), in the order of {@code iid.terms()}
 * @param seClusterNoFactor clustered SEs without the small-sample factor
 * @param clusterFactor  G/(G−1)·(N−1)/(N−K)
 */
public record ThresholdEstimate(ThresholdCandidates candidates, double[] ssr, double gammaHat,
                                double s0, double s1, double sigma2, double f1,
                                int nLow, int nHigh, LikelihoodRatioSet confidenceSet,
                                Estimate iid, Estimate clustered, double[] seHansen,
                                double[] seClusterNoFactor, double clusterFactor) {
}
