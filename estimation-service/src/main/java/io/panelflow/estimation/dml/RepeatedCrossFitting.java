package io.panelflow.estimation.dml;

import io.panelflow.estimation.engine.Distributions;
import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.Arrays;
import java.util.List;

/**
 * The median aggregation of R repetitions of cross-fitting (Chernozhukov et al. 2018, Def. 3.3, as the R
 * package DoubleML's {@code agg_cross_fit} and the Python package up to 0.9): with θ_r, se_r from repetition r
 * and S the variance scaling (n, or G clusters),
 * <pre>
 *   θ̂ = median_r θ_r,   se = √( median_r (S se_r² + (θ_r − θ̂)²) / S )
 * </pre>
 * (the median of an even count is the mean of the two middle values, as R's and numpy's). Reported
 * alongside: DoubleML for Python from 0.10 on aggregates the standard error instead as
 * {@code median_r(θ_r + se_r) − θ̂} (the median upper one-SE bound).
 *
 * @param theta              median θ_r
 * @param se                 the aggregated standard error above
 * @param t                  θ̂/se
 * @param p                  2(1 − Φ(|t|))
 * @param ciLow              θ̂ − z se
 * @param ciHigh             θ̂ + z se
 * @param thetas             θ_r per repetition
 * @param ses                se_r per repetition
 * @param seUpperBoundMedian median_r(θ_r + se_r) − θ̂
 * @param scaling            S
 */
public record RepeatedCrossFitting(double theta, double se, double t, double p, double ciLow, double ciHigh,
                                   double[] thetas, double[] ses, double seUpperBoundMedian, int scaling) {

    public static RepeatedCrossFitting aggregate(List<DmlResult> repetitions, double level) {
        int r = repetitions.size();
        if (r < 1) {
            throw new DmlException("no repetition of the cross-fitting to aggregate");
        }
        int scaling = repetitions.get(0).varianceScaling();
        double[] thetas = new double[r];
        double[] ses = new double[r];
        for (int k = 0; k < r; k++) {
            DmlResult d = repetitions.get(k);
            if (d.varianceScaling() != scaling) {
                throw new DmlException("repetitions have different variance scalings (" + scaling + ", "
                        + d.varianceScaling() + ")");
            }
            thetas[k] = d.theta();
            ses[k] = d.se();
        }
        double theta = median(thetas);
        double[] variances = new double[r];
        double[] upper = new double[r];
        for (int k = 0; k < r; k++) {
            double dev = thetas[k] - theta;
            variances[k] = scaling * ses[k] * ses[k] + dev * dev;
            upper[k] = thetas[k] + ses[k];
        }
        double se = Math.sqrt(median(variances) / scaling);
        double t = theta / se;
        double z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - (1 - level) / 2);
        return new RepeatedCrossFitting(theta, se, t, Distributions.twoSidedNormal(t), theta - z * se, theta + z * se,
                thetas, ses, median(upper) - theta, scaling);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
