package io.panelflow.estimation.engine;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;

/**
 * Tail probabilities computed from the regularized incomplete beta and gamma functions, so that
 * tiny p-values keep their relative accuracy (1 − cdf would lose it):
 * <ul>
 *   <li>two-sided t: {@code P(|T_df| > |t|) = I_{df/(df+t²)}(df/2, 1/2)}</li>
 *   <li>F upper tail: {@code P(F_{d1,d2} > f) = I_{d2/(d2+d1 f)}(d2/2, d1/2)}</li>
 *   <li>χ² upper tail: {@code P(χ²_df > x) = Q(df/2, x/2)}</li>
 *   <li>two-sided normal: {@code erfc(|z|/√2)}</li>
 * </ul>
 */
public final class Distributions {
    private Distributions() {
    }

    public static double twoSidedT(double t, double df) {
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        if (Double.isInfinite(df)) {
            return twoSidedNormal(t);
        }
        return Beta.regularizedBeta(df / (df + t * t), df / 2.0, 0.5, 1e-15, 10_000);
    }

    public static double upperF(double f, double df1, double df2) {
        if (Double.isNaN(f)) {
            return Double.NaN;
        }
        if (f <= 0) {
            return 1.0;
        }
        return Beta.regularizedBeta(df2 / (df2 + df1 * f), df2 / 2.0, df1 / 2.0, 1e-15, 10_000);
    }

    public static double upperChiSquared(double x, double df) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x <= 0) {
            return 1.0;
        }
        return Gamma.regularizedGammaQ(df / 2.0, x / 2.0, 1e-15, 10_000);
    }

    public static double twoSidedNormal(double z) {
        return Erf.erfc(Math.abs(z) / Math.sqrt(2.0));
    }

    /** The 97.5% quantile of t(df) for 95% confidence intervals. */
    public static double tQuantile975(double df) {
        if (Double.isInfinite(df)) {
            return 1.959963984540054;
        }
        return new TDistribution(null, df).inverseCumulativeProbability(0.975);
    }
}
