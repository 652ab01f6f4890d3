package io.panelflow.estimation.did;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * Sant'Anna and Zhao (2020) locally efficient doubly robust DiD for panel data, as R DRDID 1.0.6's
 * {@code drdid_panel} (the estimator R did 2.1.2 calls for {@code est_method = "dr"}), unit weights 1.
 *
 * <p>With ΔY the change of the outcome, D = 1 for the treated cohort and 0 for the comparison units, X the
 * covariates with an intercept first:
 * <pre>  p̂(X)  = logit MLE of D on X,  capped at 1 − 1e−16
 *   m̂(X)  = X β̂, β̂ the OLS of ΔY on X among the comparison units
 *   w₁ = D,  w₀ = p̂ (1 − D)/(1 − p̂)
 *   ATT   = mean(w₁(ΔY − m̂))/mean(w₁) − mean(w₀(ΔY − m̂))/mean(w₀)</pre>
 * and DRDID's influence function (leading terms plus the estimation effects of β̂ and of the logit
 * coefficients, the latter with the Hessian {@code (X' diag(p̂(1 − p̂)) X)⁻¹ n}, glm's {@code vcov} × n).
 * Without covariates (X = intercept) it is the difference of mean changes with influence function
 * {@code (n/n₁)D(ΔY − mean₁) − (n/n₀)(1 − D)(ΔY − mean₀)}.
 */
final class DoublyRobustDid {
    private static final int MAX_NEWTON = 100;

    private DoublyRobustDid() {
    }

    /** ATT and its influence function (one value per unit of the cell, scaled as DRDID: SE = sqrt(Σψ²)/n). */
    record Cell(double att, double[] influence) {
    }

    /**
     * @param dy      ΔY of each unit of the cell
     * @param treated D of each unit
     * @param x       {@code x[i]} the covariates of unit i, intercept first
     * @throws DidException when the logit or the comparison units' regression cannot be estimated
     */
    static Cell estimate(double[] dy, boolean[] treated, double[][] x) {
        int n = dy.length;
        int k = x[0].length;
        double[] d = new double[n];
        int n1 = 0;
        for (int i = 0; i < n; i++) {
            d[i] = treated[i] ? 1 : 0;
            n1 += treated[i] ? 1 : 0;
        }
        double[] ps = logit(d, x);
        // outcome regression among the comparison units
        double[][] xtx = new double[k][k];
        double[] xty = new double[k];
        for (int i = 0; i < n; i++) {
            if (!treated[i]) {
                for (int a = 0; a < k; a++) {
                    xty[a] += x[i][a] * dy[i];
                    for (int b = 0; b < k; b++) {
                        xtx[a][b] += x[i][a] * x[i][b];
                    }
                }
            }
        }
        RealMatrix xtxInv;
        try {
            xtxInv = new LUDecomposition(new Array2DRowRealMatrix(xtx, false), 1e-14).getSolver().getInverse();
        } catch (SingularMatrixException e) {
            throw new DidException("the covariates are collinear among the comparison units (the outcome regression"
                    + " cannot be estimated)");
        }
        double[] beta = xtxInv.operate(xty);
        double[] resid = new double[n];
        double[] w1 = new double[n];
        double[] w0 = new double[n];
        double sw1 = 0;
        double sw0 = 0;
        double s1 = 0;
        double s0 = 0;
        for (int i = 0; i < n; i++) {
            double m = 0;
            for (int a = 0; a < k; a++) {
                m += x[i][a] * beta[a];
            }
            resid[i] = dy[i] - m;
            w1[i] = d[i];
            w0[i] = ps[i] * (1 - d[i]) / (1 - ps[i]);
            sw1 += w1[i];
            sw0 += w0[i];
            s1 += w1[i] * resid[i];
            s0 += w0[i] * resid[i];
        }
        double meanW1 = sw1 / n;
        double meanW0 = sw0 / n;
        double etaTreat = s1 / sw1;
        double etaCont = s0 / sw0;
        double att = etaTreat - etaCont;

        // influence function: XpX = X'(1−D)X / n, asy.lin.rep.wols = (1−D) resid X XpX⁻¹
        double[][] olsRep = new double[n][];
        double[][] xpxInv = xtxInv.scalarMultiply(n).getData();
        for (int i = 0; i < n; i++) {
            double[] r = new double[k];
            if (!treated[i]) {
                for (int b = 0; b < k; b++) {
                    double s = 0;
                    for (int a = 0; a < k; a++) {
                        s += x[i][a] * xpxInv[a][b];
                    }
                    r[b] = resid[i] * s;
                }
            }
            olsRep[i] = r;
        }
        // logit: score (D − p̂)X times (X'WX)⁻¹ n
        double[][] xwx = new double[k][k];
        for (int i = 0; i < n; i++) {
            double w = ps[i] * (1 - ps[i]);
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    xwx[a][b] += w * x[i][a] * x[i][b];
                }
            }
        }
        double[][] hessian = inverse(xwx);
        double[] m1 = new double[k];
        double[] m2 = new double[k];
        double[] m3 = new double[k];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < k; a++) {
                m1[a] += w1[i] * x[i][a] / n;
                m2[a] += w0[i] * (resid[i] - etaCont) * x[i][a] / n;
                m3[a] += w0[i] * x[i][a] / n;
            }
        }
        double[] psi = new double[n];
        for (int i = 0; i < n; i++) {
            double treat2 = 0;
            double cont3 = 0;
            double cont2 = 0;
            for (int a = 0; a < k; a++) {
                treat2 += olsRep[i][a] * m1[a];
                cont3 += olsRep[i][a] * m3[a];
                double rep = 0;
                for (int b = 0; b < k; b++) {
                    rep += (d[i] - ps[i]) * x[i][b] * hessian[b][a] * n;
                }
                cont2 += rep * m2[a];
            }
            double infTreat = (w1[i] * resid[i] - w1[i] * etaTreat - treat2) / meanW1;
            double infCont = (w0[i] * resid[i] - w0[i] * etaCont + cont2 - cont3) / meanW0;
            psi[i] = infTreat - infCont;
        }
        if (n1 == 0 || n1 == n) {
            throw new DidException("a cell without treated or without comparison units");
        }
        return new Cell(att, psi);
    }

    /** Logit MLE by Newton–Raphson from zero; fitted probabilities capped at 1 − 1e−16 as DRDID. */
    static double[] logit(double[] d, double[][] x) {
        int n = d.length;
        int k = x[0].length;
        double[] beta = new double[k];
        double[] p = new double[n];
        for (int iter = 0; iter < MAX_NEWTON; iter++) {
            double[] grad = new double[k];
            double[][] info = new double[k][k];
            for (int i = 0; i < n; i++) {
                double eta = 0;
                for (int a = 0; a < k; a++) {
                    eta += x[i][a] * beta[a];
                }
                p[i] = 1 / (1 + Math.exp(-eta));
                double w = p[i] * (1 - p[i]);
                for (int a = 0; a < k; a++) {
                    grad[a] += (d[i] - p[i]) * x[i][a];
                    for (int b = 0; b < k; b++) {
                        info[a][b] += w * x[i][a] * x[i][b];
                    }
                }
            }
            double[] step;
            try {
                step = new LUDecomposition(new Array2DRowRealMatrix(info, false), 1e-14).getSolver()
                        .solve(new org.apache.commons.math3.linear.ArrayRealVector(grad)).toArray();
            } catch (SingularMatrixException e) {
                throw new DidException("the propensity score cannot be estimated: the covariates are collinear or"
                        + " separate the treated cohort from the comparison units");
            }
            double change = 0;
            for (int a = 0; a < k; a++) {
                beta[a] += step[a];
                change = Math.max(change, Math.abs(step[a]) / (Math.abs(beta[a]) + 1e-8));
            }
            if (change < 1e-13) {
                break;
            }
        }
        for (int i = 0; i < n; i++) {
            double eta = 0;
            for (int a = 0; a < k; a++) {
                eta += x[i][a] * beta[a];
            }
            p[i] = Math.min(1 / (1 + Math.exp(-eta)), 1 - 1e-16);
            if (!Double.isFinite(p[i])) {
                throw new DidException("the propensity score did not converge");
            }
        }
        return p;
    }

    private static double[][] inverse(double[][] a) {
        try {
            return new CholeskyDecomposition(new Array2DRowRealMatrix(a, false)).getSolver().getInverse().getData();
        } catch (NonPositiveDefiniteMatrixException e) {
            throw new DidException("the propensity score's information matrix is singular (overlap fails)");
        }
    }
}
