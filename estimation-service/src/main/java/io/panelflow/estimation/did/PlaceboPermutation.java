package io.panelflow.estimation.did;

import io.panelflow.estimation.engine.Design;
import io.panelflow.estimation.engine.Estimate;
import io.panelflow.estimation.engine.EstimationOptions;
import io.panelflow.estimation.engine.FixedEffectsRegression;
import io.panelflow.estimation.engine.VcovRequest;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.SingularMatrixException;

import java.util.Random;

/**
 * Permutation placebo test of {@code y ~ treat_post + covariates | unit + period}: the units' adoption years
 * (never-treated units included, as 0) are permuted at random across units — each draw a uniform permutation
 * (Fisher–Yates with {@link Random} seeded once) — treat_post is rebuilt from the permuted years and the
 * coefficient re-estimated. The two-sided p-value is the share of draws with |β_placebo| ≥ |β| (as Stata's
 * {@code ritest}). The true estimate is the model's own coefficient.
 *
 * <p>On a balanced panel each draw is the Frisch–Waugh–Lovell ratio on the two-way demeaned variables
 * (exact closed form D̃ = D − D̄_i − D̄_t + D̄), {@code β = D̃'M ỹ / D̃'M D̃}, M the residual maker of the
 * demeaned covariates; on an unbalanced panel each draw is a full fit by the engine.
 */
public final class PlaceboPermutation {
    private PlaceboPermutation() {
    }

    /**
     * @throws DidException when there are fewer than one permutation or no treated unit
     */
    public static PlaceboResult run(StaggeredPanel panel, int permutations, long seed) {
        if (permutations < 1) {
            throw new DidException("the placebo test needs at least one permutation");
        }
        int[] unitCohort = panel.unitCohorts();
        if (panel.cohorts().length == 0) {
            throw new DidException("no treated cohort: nothing to permute");
        }
        Estimator estimator = panel.isBalanced() ? new Balanced(panel) : new Refit(panel);
        double estimate = estimator.estimate(unitCohort);
        Random random = new Random(seed);
        int[] permuted = unitCohort.clone();
        double[] placebo = new double[permutations];
        int extreme = 0;
        for (int r = 0; r < permutations; r++) {
            for (int i = permuted.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int tmp = permuted[i];
                permuted[i] = permuted[j];
                permuted[j] = tmp;
            }
            placebo[r] = estimator.estimate(permuted);
            if (Math.abs(placebo[r]) >= Math.abs(estimate)) {
                extreme++;
            }
        }
        return new PlaceboResult(estimate, placebo, (double) extreme / permutations, permutations, seed);
    }

    /** The TWFE coefficient of treat_post for given unit cohorts, by the engine (any panel). */
    static double refit(StaggeredPanel panel, int[] unitCohort) {
        return new Refit(panel).estimate(unitCohort);
    }

    private interface Estimator {
        double estimate(int[] unitCohort);
    }

    private static final class Refit implements Estimator {
        private final StaggeredPanel p;

        Refit(StaggeredPanel p) {
            this.p = p;
        }

        @Override
        public double estimate(int[] unitCohort) {
            int n = p.rows();
            int k = p.covariateNames().size();
            double[][] x = new double[k + 1][];
            String[] names = new String[k + 1];
            x[0] = new double[n];
            names[0] = TwfeEventStudy.TREAT_POST;
            for (int i = 0; i < n; i++) {
                int g = unitCohort[p.units()[i]];
                x[0][i] = g > 0 && p.time()[i] >= g ? 1 : 0;
            }
            for (int j = 0; j < k; j++) {
                x[j + 1] = p.covariates()[j];
                names[j + 1] = p.covariateNames().get(j);
            }
            Design d = Design.ols(p.outcome(), p.outcomeName(), x, names, new int[][]{p.units(), p.periodCodes()},
                    new String[]{"unit", "period"});
            Estimate e = FixedEffectsRegression.fit(d, VcovRequest.iid(), EstimationOptions.DEFAULT);
            int j = e.indexOf(TwfeEventStudy.TREAT_POST);
            return j < 0 ? Double.NaN : e.coefficients()[j];
        }
    }

    private static final class Balanced implements Estimator {
        private final int[] periods;
        private final int n;
        private final int tt;
        private final int k;
        private final double[][] yt;
        private final double[][][] zt;
        private final double[][] zzInv;
        private final double[] zy;

        Balanced(StaggeredPanel p) {
            periods = p.periods();
            n = p.unitCount();
            tt = periods.length;
            k = p.covariateNames().size();
            yt = demean(p.balancedOutcome());
            zt = new double[k][][];
            for (int j = 0; j < k; j++) {
                zt[j] = demean(p.balancedCovariate(j));
            }
            double[][] zz = new double[k][k];
            zy = new double[k];
            for (int a = 0; a < k; a++) {
                zy[a] = dot(zt[a], yt);
                for (int b = 0; b < k; b++) {
                    zz[a][b] = dot(zt[a], zt[b]);
                }
            }
            try {
                zzInv = k == 0 ? new double[0][0]
                        : new LUDecomposition(new Array2DRowRealMatrix(zz, false), 1e-14).getSolver().getInverse().getData();
            } catch (SingularMatrixException e) {
                throw new DidException("the covariates " + p.covariateNames() + " are collinear with the fixed effects");
            }
        }

        @Override
        public double estimate(int[] unitCohort) {
            double[][] d = new double[n][tt];
            for (int u = 0; u < n; u++) {
                for (int q = 0; q < tt; q++) {
                    d[u][q] = unitCohort[u] > 0 && periods[q] >= unitCohort[u] ? 1 : 0;
                }
            }
            double[][] dt = demean(d);
            double num = dot(dt, yt);
            double den = dot(dt, dt);
            if (k > 0) {
                double[] zd = new double[k];
                for (int a = 0; a < k; a++) {
                    zd[a] = dot(zt[a], dt);
                }
                for (int a = 0; a < k; a++) {
                    for (int b = 0; b < k; b++) {
                        num -= zd[a] * zzInv[a][b] * zy[b];
                        den -= zd[a] * zzInv[a][b] * zd[b];
                    }
                }
            }
            return den <= 1e-12 * n * tt ? Double.NaN : num / den;
        }

        private double[][] demean(double[][] v) {
            double[] row = new double[n];
            double[] col = new double[tt];
            double all = 0;
            for (int u = 0; u < n; u++) {
                for (int q = 0; q < tt; q++) {
                    row[u] += v[u][q] / tt;
                    col[q] += v[u][q] / n;
                    all += v[u][q] / ((double) n * tt);
                }
            }
            double[][] out = new double[n][tt];
            for (int u = 0; u < n; u++) {
                for (int q = 0; q < tt; q++) {
                    out[u][q] = v[u][q] - row[u] - col[q] + all;
                }
            }
            return out;
        }

        private static double dot(double[][] a, double[][] b) {
            double s = 0;
            for (int u = 0; u < a.length; u++) {
                for (int q = 0; q < a[u].length; q++) {
                    s += a[u][q] * b[u][q];
                }
            }
            return s;
        }
    }
}
