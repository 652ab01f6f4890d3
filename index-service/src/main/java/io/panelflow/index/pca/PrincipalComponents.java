package io.panelflow.index.pca;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Principal components of standardized indicators: the eigen-decomposition {@code R = V Λ Vᵀ} of
 * the Pearson correlation matrix R (Apache Commons Math {@link EigenDecomposition}), eigenvalues
 * λ_1 ≥ … ≥ λ_p.
 * <pre>
 *   share_k      = λ_k / Σ λ = λ_k / p
 *   cumulative_k = Σ_{l ≤ k} share_l
 *   loading v_k  = unit eigenvector, sign rule: Σ_j v_jk > 0 (a column with sum exactly 0 keeps
 *                  the sign that makes its largest-magnitude entry positive)
 *   scaled_jk    = v_jk sqrt(λ_k)       (correlation of variable j with component k)
 *   score_ik     = Σ_j z_ij v_jk        (z = standardized data, sd with divisor n − 1)
 * </pre>
 * The sign rule is that of the reference case S6 ({@code sweep(V, 2, sign(colSums(V)), "*")}), so
 * a component points in the direction in which most indicators grow.
 *
 * @param loadings {@code loadings[j][k]}: variable j, component k
 * @param scores   {@code scores[k][i]}: component k, observation i
 */
public record PrincipalComponents(CorrelationMatrix correlation, double[] eigenvalues, double[] share,
                                  double[] cumulative, double[][] loadings, double[][] scores) {

    public static PrincipalComponents of(CorrelationMatrix corr) {
        double[][] r = corr.correlation();
        int p = r.length;
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(r, true));
        double[] raw = eigen.getRealEigenvalues();
        Integer[] order = IntStream.range(0, p).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer k) -> raw[k]).reversed());
        double[] lambda = new double[p];
        double[][] v = new double[p][p];
        double total = 0;
        for (int k = 0; k < p; k++) {
            lambda[k] = raw[order[k]];
            total += lambda[k];
            RealVector vec = eigen.getEigenvector(order[k]);
            double norm = vec.getNorm();
            double sum = 0;
            int largest = 0;
            for (int j = 0; j < p; j++) {
                sum += vec.getEntry(j);
                if (Math.abs(vec.getEntry(j)) > Math.abs(vec.getEntry(largest))) {
                    largest = j;
                }
            }
            double sign = sum > 0 ? 1 : sum < 0 ? -1 : Math.signum(vec.getEntry(largest));
            for (int j = 0; j < p; j++) {
                v[j][k] = sign * vec.getEntry(j) / norm;
            }
        }
        double[] share = new double[p];
        double[] cum = new double[p];
        double running = 0;
        for (int k = 0; k < p; k++) {
            share[k] = lambda[k] / total;
            running += share[k];
            cum[k] = running;
        }
        double[][] z = corr.standardized();
        int n = corr.observations();
        double[][] scores = new double[p][n];
        for (int k = 0; k < p; k++) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < p; j++) {
                    s += z[j][i] * v[j][k];
                }
                scores[k][i] = s;
            }
        }
        return new PrincipalComponents(corr, lambda, share, cum, v, scores);
    }

    /** Loadings scaled to correlations: {@code v_jk sqrt(λ_k)} (0 for a negative rounding-level λ). */
    public double[][] scaledLoadings() {
        int p = eigenvalues.length;
        double[][] out = new double[p][p];
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < p; k++) {
                out[j][k] = loadings[j][k] * Math.sqrt(Math.max(eigenvalues[k], 0));
            }
        }
        return out;
    }

    public int components() {
        return eigenvalues.length;
    }
}
