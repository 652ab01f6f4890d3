package io.panelflow.index.pca;

/**
 * The eigenvalue-weighted PCA composite over the r retained components (reference case S6):
 * <pre>
 *   ω_k         = λ_k / Σ_{l ≤ r} λ_l
 *   composite_i = Σ_{k ≤ r} ω_k score_ik
 * </pre>
 * Since scores are linear in the standardized data, the composite equals {@code Σ_j a_j z_ij} with
 * indicator coefficients {@code a_j = Σ_{k ≤ r} ω_k v_jk}, reported as the index's weights.
 */
public record PcaComposite(int retained, double[] componentWeights, double[] indicatorCoefficients, double[] values) {

    public static PcaComposite of(PrincipalComponents pca, int retained) {
        double sum = 0;
        for (int k = 0; k < retained; k++) {
            sum += pca.eigenvalues()[k];
        }
        double[] omega = new double[retained];
        for (int k = 0; k < retained; k++) {
            omega[k] = pca.eigenvalues()[k] / sum;
        }
        int p = pca.components();
        double[] a = new double[p];
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < retained; k++) {
                a[j] += omega[k] * pca.loadings()[j][k];
            }
        }
        int n = pca.correlation().observations();
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < retained; k++) {
                s += omega[k] * pca.scores()[k][i];
            }
            values[i] = s;
        }
        return new PcaComposite(retained, omega, a, values);
    }
}
