package io.panelflow.estimation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.testing.SharedReference;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** S3: one-way FE against Swamy–Arora RE and the Hausman test (plm). */
class ProducHausmanReferenceTest {
    private static final double TOL = ReferenceChecks.TIGHT;

    @Test
    void fixedAgainstRandomEffects() {
        JsonNode expected = SharedReference.json("S3_produc_hausman").get("expected");
        ReferenceTable t = ReferenceTable.read("S3_produc_hausman.csv");
        double[][] x = {t.log("pcap"), t.log("pc"), t.log("emp"), t.num("unemp")};
        String[] names = {"log(pcap)", "log(pc)", "log(emp)", "unemp"};
        RandomEffects.Result re = RandomEffects.fit(t.log("gsp"), "log(gsp)", x, names, t.codes("state"));

        JsonNode panel = expected.get("panel");
        assertEquals(panel.get("N").asInt(), re.nobs(), "N");
        assertEquals(panel.get("n_groups").asInt(), re.units(), "units");
        assertEquals(panel.get("T").asInt() * panel.get("n_groups").asInt(), re.nobs(), "balanced N = n T");
        assertEquals(panel.get("K_slopes").asInt(), re.within().terms().length, "K");

        JsonNode fe = expected.get("fe_within");
        Estimate within = re.within();
        assertEquals(fe.get("df_residual").asInt(), within.dfResidual());
        ReferenceChecks.close(fe.get("rss").asDouble(), within.rss(), TOL, "FE rss");
        ReferenceChecks.close(fe.get("sigma2").asDouble(), within.rss() / within.dfResidual(), TOL, "FE sigma2");
        ReferenceChecks.close(fe.get("r2_within").asDouble(), within.r2Within(), TOL, "FE within r2");
        fe.get("coefficients").fields().forEachRemaining(c -> ReferenceChecks.close(c.getValue().asDouble(),
                within.coefficients()[within.indexOf(c.getKey())], TOL, "FE coef " + c.getKey()));
        fe.get("se").fields().forEachRemaining(c -> ReferenceChecks.close(c.getValue().asDouble(),
                within.stdErrors()[within.indexOf(c.getKey())], TOL, "FE se " + c.getKey()));
        fe.get("t").fields().forEachRemaining(c -> ReferenceChecks.close(c.getValue().asDouble(),
                within.statistics()[within.indexOf(c.getKey())], TOL, "FE t " + c.getKey()));
        fe.get("p").fields().forEachRemaining(c -> ReferenceChecks.close(c.getValue().asDouble(),
                within.pValues()[within.indexOf(c.getKey())], ReferenceChecks.P_VALUE, "FE p " + c.getKey()));
        fe.get("vcov_matrix").fields().forEachRemaining(row -> row.getValue().fields().forEachRemaining(c ->
                ReferenceChecks.close(c.getValue().asDouble(),
                        within.vcov()[within.indexOf(row.getKey())][within.indexOf(c.getKey())], TOL,
                        "FE vcov " + row.getKey() + "," + c.getKey())));

        JsonNode r = expected.get("re_swamy_arora");
        assertEquals(r.get("df_residual").asInt(), re.dfResidual());
        ReferenceChecks.close(r.get("sigma2_idiosyncratic").asDouble(), re.sigma2Idiosyncratic(), TOL, "sigma2 e");
        ReferenceChecks.close(r.get("sigma2_individual").asDouble(), re.sigma2Individual(), TOL, "sigma2 u");
        ReferenceChecks.close(r.get("theta").asDouble(), re.theta(), TOL, "theta");
        ReferenceChecks.close(r.get("rss_transformed").asDouble(), re.rssTransformed(), TOL, "RSS*");
        r.get("coefficients").fields().forEachRemaining(c -> ReferenceChecks.close(c.getValue().asDouble(),
                re.coefficients()[re.indexOf(c.getKey())], TOL, "RE coef " + c.getKey()));
        r.get("se").fields().forEachRemaining(c -> ReferenceChecks.close(c.getValue().asDouble(),
                re.stdErrors()[re.indexOf(c.getKey())], TOL, "RE se " + c.getKey()));
        r.get("stat").fields().forEachRemaining(c -> ReferenceChecks.close(c.getValue().asDouble(),
                re.statistics()[re.indexOf(c.getKey())], TOL, "RE z " + c.getKey()));
        r.get("p").fields().forEachRemaining(c -> ReferenceChecks.close(c.getValue().asDouble(),
                re.pValues()[re.indexOf(c.getKey())], ReferenceChecks.P_VALUE, "RE p " + c.getKey()));
        r.get("p_normal").fields().forEachRemaining(c -> ReferenceChecks.close(c.getValue().asDouble(),
                re.pValues()[re.indexOf(c.getKey())], ReferenceChecks.P_VALUE, "RE normal p " + c.getKey()));
        // the t(N − K − 1) alternative the case also prints, from the same z statistics
        r.get("p_t_df_residual").fields().forEachRemaining(c -> ReferenceChecks.close(c.getValue().asDouble(),
                Distributions.twoSidedT(re.statistics()[re.indexOf(c.getKey())], re.dfResidual()),
                ReferenceChecks.P_VALUE, "RE t p " + c.getKey()));
        ReferenceChecks.close(r.get("r2_plm").asDouble(), re.r2(), TOL, "RE R2");
        r.get("vcov_matrix").fields().forEachRemaining(row -> row.getValue().fields().forEachRemaining(c ->
                ReferenceChecks.close(c.getValue().asDouble(),
                        re.vcov()[re.indexOf(row.getKey())][re.indexOf(c.getKey())], TOL,
                        "RE vcov " + row.getKey() + "," + c.getKey())));

        JsonNode h = expected.get("hausman");
        HausmanTest.Result test = HausmanTest.classic(re);
        assertEquals(h.get("df").asInt(), test.df());
        ReferenceChecks.close(h.get("statistic").asDouble(), test.statistic(), TOL, "Hausman chi2");
        ReferenceChecks.close(h.get("p_value").asDouble(), test.pValue(), TOL, "Hausman p");

        HausmanTest.Result robust = HausmanTest.robust(t.log("gsp"), "log(gsp)", x, names, t.codes("state"));
        assertEquals(h.get("df").asInt(), robust.df());
        assertTrue(robust.statistic() > 0 && robust.pValue() >= 0 && robust.pValue() <= 1);

        // The case has no robust statistic; on a balanced panel the quasi-demeaned auxiliary regression is a
        // reparametrization of Mundlak's pooled OLS of y on [1, x, x̄_i]: the coefficients on x − x̄_i are minus
        // those on x̄_i, with the same residual scores, K and G, so the clustered Wald statistics coincide.
        int[] state = t.codes("state");
        int units = expected.get("panel").get("n_groups").asInt();
        double[] count = new double[units];
        for (int g : state) {
            count[g]++;
        }
        double[][] mundlak = new double[2 * x.length][];
        String[] mundlakNames = new String[2 * x.length];
        String[] means = new String[x.length];
        for (int j = 0; j < x.length; j++) {
            double[] sum = new double[units];
            for (int i = 0; i < x[j].length; i++) {
                sum[state[i]] += x[j][i];
            }
            double[] bar = new double[x[j].length];
            for (int i = 0; i < bar.length; i++) {
                bar[i] = sum[state[i]] / count[state[i]];
            }
            mundlak[j] = x[j];
            mundlak[x.length + j] = bar;
            mundlakNames[j] = names[j];
            mundlakNames[x.length + j] = means[j] = "mean(" + names[j] + ")";
        }
        Estimate pooled = FixedEffectsRegression.fit(Design.ols(t.log("gsp"), "log(gsp)", mundlak, mundlakNames,
                new int[0][], new String[0]), VcovRequest.cluster(state, "state"), EstimationOptions.DEFAULT);
        for (int j = 0; j < x.length; j++) {
            // within slope = FE, x̄ slope = between − FE
            ReferenceChecks.close(fe.get("coefficients").get(names[j]).asDouble(), pooled.coefficients()[pooled.indexOf(names[j])],
                    TOL, "Mundlak within slope " + names[j]);
        }
        WaldTest.Result w = WaldTest.zero(pooled, means);
        ReferenceChecks.close(w.chi2(), robust.statistic(), 1e-8, "robust Hausman = Mundlak clustered Wald");
        ReferenceChecks.close(w.chi2PValue(), robust.pValue(), ReferenceChecks.P_VALUE, "robust Hausman p");
    }
}
