package io.panelflow.index.balance;

import io.panelflow.index.IndexException;

/**
 * Theil indices of y over the units of one group-year, with weights w (population, employment;
 * w_i = 1 when unweighted). With the income shares and weight shares
 * <pre>
 *   s_i = w_i y_i / Σ_k w_k y_k,   p_i = w_i / Σ_k w_k
 * </pre>
 * <pre>
 *   Theil T (GE(1)):  T = Σ_i s_i ln(s_i / p_i) = Σ_i s_i ln(y_i / ȳ_w)     0 · ln 0 = 0 (y_i = 0)
 *   Theil L (GE(0), mean log deviation):  L = Σ_i p_i ln(p_i / s_i) = Σ_i p_i ln(ȳ_w / y_i)
 * </pre>
 * With measure y = gdp / population and weight population, s_i is the unit's share of GDP and p_i
 * its share of population, so T = Σ s_i ln(s_i / p_i) exactly as S4 and S13 define it.
 * Unweighted: T = (1/n) Σ (y_i/ȳ) ln(y_i/ȳ), L = (1/n) Σ ln(ȳ/y_i).
 *
 * <p>One unit: 0. T needs y ≥ 0 with a positive total, L needs y &gt; 0; weights must be positive;
 * otherwise an {@link IndexException}.
 */
public final class TheilIndex {

    private TheilIndex() {
    }

    /** Theil T; {@code w} null for unweighted. */
    public static double t(double[] y, double[] w) {
        Inequality.requireNonNegative(y, "Theil T");
        double[] s = incomeShares(y, w);
        double[] p = weightShares(y.length, w);
        double out = 0;
        for (int i = 0; i < y.length; i++) {
            if (s[i] > 0) {
                out += s[i] * Math.log(s[i] / p[i]);
            }
        }
        return out;
    }

    /** Theil L; {@code w} null for unweighted. */
    public static double l(double[] y, double[] w) {
        Inequality.requirePositive(y, "Theil L");
        double[] s = incomeShares(y, w);
        double[] p = weightShares(y.length, w);
        double out = 0;
        for (int i = 0; i < y.length; i++) {
            out += p[i] * Math.log(p[i] / s[i]);
        }
        return out;
    }

    static double[] incomeShares(double[] y, double[] w) {
        if (y.length == 0) {
            throw new IndexException("Theil index of no units");
        }
        double mean = Inequality.mean(y, w);
        if (!(mean > 0)) {
            throw new IndexException("Theil index: total " + mean + " is not positive");
        }
        double total = 0;
        double[] yw = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            yw[i] = (w == null ? 1 : w[i]) * y[i];
            total += yw[i];
        }
        for (int i = 0; i < y.length; i++) {
            yw[i] /= total;
        }
        return yw;
    }

    static double[] weightShares(int n, double[] w) {
        double[] p = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            p[i] = w == null ? 1 : w[i];
            total += p[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] /= total;
        }
        return p;
    }
}
