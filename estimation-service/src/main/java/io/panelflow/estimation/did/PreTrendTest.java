package io.panelflow.estimation.did;

/**
 * Wald pre-test of parallel trends: all pre-treatment ATT(g, t) (t < g) are zero.
 *
 * @param statistic W = n a' V⁻¹ a, a the pre-treatment ATT(g, t), V = ψ'ψ/n restricted to those cells
 * @param df        number of pre-treatment cells
 * @param pValue    P(χ²_df > W)
 */
public record PreTrendTest(double statistic, int df, double pValue) {
}
