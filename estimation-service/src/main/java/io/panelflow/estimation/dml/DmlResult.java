package io.panelflow.estimation.dml;

/**
 * The DML estimate of θ in the partially linear model and its parts.
 *
 * @param theta       DML2 estimate Σ v_i u_i / Σ v_i²
 * @param se          √(σ²/n), σ² = mean(ψ²)/J² (clustered: √(Γ/(G J²)), see {@link PartiallyLinearDml})
 * @param t           θ/se
 * @param p           2(1 − Φ(|t|)), computed as erfc(|t|/√2) so tiny values keep their precision
 * @param ciLow       θ − z se, z = Φ⁻¹(1 − (1 − level)/2)
 * @param ciHigh      θ + z se
 * @param level       confidence level of the interval
 * @param j           J = −mean(v²)
 * @param meanPsiSq   mean(ψ²), ψ_i = (u_i − θ v_i) v_i (clustered: Γ)
 * @param thetaDml1   DML1: mean over folds of Σ_{fold} v u / Σ_{fold} v²
 * @param rmseL       √mean(u²), u = y − l̂(x)
 * @param rmseM       √mean(v²), v = d − m̂(x)
 * @param lHat        out-of-fold predictions of E[y|x], per row
 * @param mHat        out-of-fold predictions of E[d|x], per row
 * @param folds       the partition used
 * @param lFits       fitted l per fold (fold order of {@code folds})
 * @param mFits       fitted m per fold (tree ensembles are released after predicting)
 * @param clusters    G, the clusters of the score variance; 0 when not clustered
 */
public record DmlResult(double theta, double se, double t, double p, double ciLow, double ciHigh, double level,
                        double j, double meanPsiSq, double thetaDml1, double rmseL, double rmseM,
                        double[] lHat, double[] mHat, CrossFitFolds folds,
                        FittedNuisance[] lFits, FittedNuisance[] mFits, int clusters) {

    /** The variance scaling of DoubleML: n, or G when clustered. */
    public int varianceScaling() {
        return clusters > 0 ? clusters : lHat.length;
    }
}
