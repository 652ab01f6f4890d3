package io.panelflow.estimation.engine;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Hausman tests of fixed against random effects.
 * <ul>
 *   <li>{@link #classic}: {@code H = (b_FE − b_RE)' [V_FE − V_RE]^{-1} (b_FE − b_RE)} over the common
 *       slopes (no intercept), χ²(K), as plm's {@code phtest} (method "chisq"). The difference matrix is
 *       inverted by its pseudo-inverse when singular.</li>
 *   <li>{@link #robust} (Wooldridge 2010, §10.7.3; Mundlak): OLS of {@code y − θ_i ȳ_i} on
 *       [1, x − θ_i x̄_i, x − x̄_i] with variance clustered by unit; H is the cluster-robust Wald χ²
 *       of the coefficients on x − x̄_i, χ²(K). Valid under heteroskedasticity and serial correlation.</li>
 * </ul>
 */
public final class HausmanTest {

    public record Result(double statistic, int df, double pValue) {
    }

    private HausmanTest() {
    }

    public static Result classic(RandomEffects.Result re) {
        Estimate fe = re.within();
        int k = fe.terms().length;
        double[] d = new double[k];
        double[][] dv = new double[k][k];
        for (int a = 0; a < k; a++) {
            int ra = re.indexOf(fe.terms()[a]);
            d[a] = fe.coefficients()[a] - re.coefficients()[ra];
            for (int b = 0; b < k; b++) {
                int rb = re.indexOf(fe.terms()[b]);
                dv[a][b] = fe.vcov()[a][b] - re.vcov()[ra][rb];
            }
        }
        double[][] inv = new SingularValueDecomposition(new Array2DRowRealMatrix(dv)).getSolver().getInverse().getData();
        double h = Matrices.dot(d, Matrices.multiply(inv, d));
        return new Result(h, k, Distributions.upperChiSquared(h, k));
    }

    public static Result robust(double[] y, String yName, double[][] x, String[] xNames, int[] unit) {
        RandomEffects.Result re = RandomEffects.fit(y, yName, x, xNames, unit);
        int n = y.length;
        int k = x.length;
        int[] codes = unit.clone();
        int units = DemeanedSample.compact(codes);
        double[] count = new double[units];
        for (int c : codes) {
            count[c]++;
        }
        double tBar = (double) n / units;
        double[] yBar = RandomEffects.means(y, codes, count);
        double[] ys = new double[n];
        double[][] aux = new double[2 * k][n];
        String[] names = new String[2 * k];
        double[][] xBar = new double[k][];
        for (int j = 0; j < k; j++) {
            xBar[j] = RandomEffects.means(x[j], codes, count);
            names[j] = xNames[j];
            names[k + j] = "within(" + xNames[j] + ")";
        }
        for (int i = 0; i < n; i++) {
            int g = codes[i];
            double theta = 1 - Math.sqrt(re.sigma2Idiosyncratic()
                    / (count[g] * re.sigma2Individual() + re.sigma2Idiosyncratic()));
            ys[i] = y[i] - theta * yBar[g];
            for (int j = 0; j < k; j++) {
                aux[j][i] = x[j][i] - theta * xBar[j][g];
                aux[k + j][i] = x[j][i] - xBar[j][g];
            }
        }
        // the constant column (1 − θ) is the intercept the regression adds (a rescaling on a balanced panel)
        Design d = Design.ols(ys, yName, aux, names, new int[0][], new String[0]);
        Estimate e = FixedEffectsRegression.fit(d, VcovRequest.cluster(codes, "unit"), EstimationOptions.DEFAULT);
        String[] tested = new String[k];
        System.arraycopy(names, k, tested, 0, k);
        WaldTest.Result w = WaldTest.zero(e, tested);
        return new Result(w.chi2(), k, w.chi2PValue());
    }
}
