package io.panelflow.estimation.threshold;

import io.panelflow.testing.ReferenceCsv;
import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.estimation.engine.Estimate;
import io.panelflow.testing.SharedReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * T1: Hansen (1999) single threshold on the China province panel 1997–2018, y = sgpi/gdp,
 * q = log(gdp/pop), tech regime-dependent, ind/ser/pop common, province effects, 5% trimming.
 */
class ChinaThresholdReferenceTest {
    static final double REL = 1e-8;
    static final String[] TERMS = {"tech_low", "tech_high", "ind", "ser", "pop"};

    static JsonNode spec;
    static JsonNode expected;
    static ThresholdSearch search;
    static ThresholdEstimate fit;

    @BeforeAll
    static void fitModel() {
        JsonNode json = SharedReference.json("T1_china_threshold");
        spec = json;
        expected = json.get("expected");
        search = ThresholdSearch.of(design(), ThresholdCandidates.trimmed(design().q(), 0.05));
        fit = PanelThresholdRegression.fit(search, 0.95);
    }

    static ThresholdDesign design() {
        ReferenceCsv t = ReferenceCsv.read("T1_china_threshold.csv");
        double[] sgpi = t.numbers("sgpi");
        double[] gdp = t.numbers("gdp");
        double[] pop = t.numbers("pop");
        double[] y = new double[t.rows()];
        double[] q = new double[t.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = sgpi[i] / gdp[i];
            q[i] = Math.log(gdp[i] / pop[i]);
        }
        return new ThresholdDesign(y, "y", q, t.numbers("tech"), "tech",
                new double[][]{t.numbers("ind"), t.numbers("ser"), pop}, new String[]{"ind", "ser", "pop"},
                t.integers("id"), t.integers("year"));
    }

    static void close(double want, double got, double rel, String what) {
        double scale = Math.max(Math.abs(want), Double.MIN_NORMAL);
        assertTrue(Math.abs(want - got) <= rel * scale, what + ": expected " + want + " got " + got
                + " (rel diff " + Math.abs(want - got) / scale + ")");
    }

    @Test
    void countsAndCandidateGrid() {
        assertEquals(expected.get("n_obs").asInt(), search.design().rows());
        assertEquals(expected.get("n_provinces").asInt(), search.units());
        assertEquals(expected.get("n_provinces").asInt() * (expected.get("T").asInt() - 1), search.withinDegrees());
        assertEquals(expected.get("trim_k").asInt(), fit.candidates().trimCount());
        assertEquals(expected.get("n_candidates").asInt(), fit.candidates().size());
        assertEquals(expected.get("n_obs_regime_low").asInt(), fit.nLow());
        assertEquals(expected.get("n_obs_regime_high").asInt(), fit.nHigh());
    }

    @Test
    void thresholdSsrAndF1() {
        assertEquals(expected.get("gamma_hat").asDouble(), fit.gammaHat(), 0.0, "gamma-hat is one of the q values");
        close(expected.get("gamma_hat_exp").asDouble(), Math.exp(fit.gammaHat()), REL, "exp(gamma-hat)");
        close(expected.get("S1_gamma_hat").asDouble(), fit.s1(), REL, "S1");
        close(expected.get("S0_no_threshold").asDouble(), fit.s0(), REL, "S0");
        close(expected.get("sigma2_hat").asDouble(), fit.sigma2(), REL, "sigma2");
        close(expected.get("F1").asDouble(), fit.f1(), REL, "F1");
        // the partitioned SSR agrees with the engine's full regression at gamma-hat
        close(fit.s1(), fit.iid().rss(), 1e-12, "S1 vs engine RSS");
    }

    @Test
    void regimeCoefficientsAndEveryStandardError() {
        Estimate iid = fit.iid();
        Estimate cl = fit.clustered();
        assertArrayEquals(TERMS, iid.terms());
        assertArrayEquals(TERMS, cl.terms());
        assertEquals(expected.get("coefficient_table_cluster").size(), TERMS.length, "terms in the case's table");
        assertEquals(expected.get("n_provinces").asInt(), cl.clusterCounts()[0]);
        for (int j = 0; j < TERMS.length; j++) {
            String term = TERMS[j];
            close(expected.get("coefficients").get(term).asDouble(), iid.coefficients()[j], REL, "b " + term);
            close(expected.get("coefficients").get(term).asDouble(), cl.coefficients()[j], REL, "b " + term);
            close(expected.get("se_homoskedastic_hansen").get(term).asDouble(), fit.seHansen()[j], REL, "se hansen " + term);
            close(expected.get("se_homoskedastic_dof").get(term).asDouble(), iid.stdErrors()[j], REL, "se iid " + term);
            close(expected.get("se_cluster_province").get(term).asDouble(), cl.stdErrors()[j], REL, "se cluster " + term);
            close(expected.get("se_cluster_province_no_factor").get(term).asDouble(), fit.seClusterNoFactor()[j], REL,
                    "se cluster no factor " + term);
            JsonNode row = expected.get("coefficient_table_cluster").get(j);
            assertEquals(term, row.get("term").asText());
            close(row.get("estimate").asDouble(), cl.coefficients()[j], REL, "table estimate " + term);
            close(row.get("se").asDouble(), cl.stdErrors()[j], REL, "table se " + term);
            close(row.get("t").asDouble(), cl.statistics()[j], REL, "t cluster " + term);
        }
        close(expected.get("cluster_small_sample_factor").asDouble(), fit.clusterFactor(), REL, "cluster factor");
    }

    @Test
    void everyRowOfTheLikelihoodRatioProfile() {
        ReferenceCsv profile = ReferenceCsv.read("T1_china_threshold.expected_profile.csv");
        double[] gamma = profile.numbers("gamma");
        double[] ssr = profile.numbers("ssr");
        double[] lr = profile.numbers("lr");
        int[] in = profile.integers("in_confidence_set");
        LikelihoodRatioSet set = fit.confidenceSet();
        assertEquals(gamma.length, fit.candidates().size());
        double maxLr = 0;
        for (int k = 0; k < gamma.length; k++) {
            // q = log(gdp/pop): libm's and Java's log may differ in the last bit
            close(gamma[k], fit.candidates().values()[k], 1e-15, "candidate " + k);
            close(ssr[k], fit.ssr()[k], REL, "S1 at candidate " + k);
            if (lr[k] == 0) {
                assertEquals(0.0, set.lr()[k], 0.0, "LR at gamma-hat");
            } else {
                close(lr[k], set.lr()[k], REL, "LR at candidate " + k);
            }
            assertEquals(in[k] == 1, set.inSet()[k], "in set, candidate " + k);
            maxLr = Math.max(maxLr, set.lr()[k]);
        }
        JsonNode cs = expected.get("confidence_set_95");
        close(expected.get("lr_critical_value_95").asDouble(), set.criticalValue(), 1e-14, "c(0.95)");
        assertEquals(cs.get("n_candidates_in_set").asInt(), set.size());
        close(cs.get("min").asDouble(), set.lower(), 1e-15, "set min");
        close(cs.get("max").asDouble(), set.upper(), 1e-15, "set max");
        assertEquals(cs.get("contiguous_in_candidate_order").asBoolean(), set.contiguous());
        close(cs.get("max_lr_over_candidates").asDouble(), maxLr, REL, "max LR");
        JsonNode gammas = cs.get("gammas");
        assertEquals(gammas.size(), set.size());
        int p = 0;
        for (int k = 0; k < gamma.length; k++) {
            if (set.inSet()[k]) {
                close(gammas.get(p++).asDouble(), fit.candidates().values()[k], 1e-15, "set member " + p);
            }
        }
    }

    @Test
    void fixedRegressorBootstrapWithTheShippedDraws() {
        ReferenceCsv boot = ReferenceCsv.read("T1_china_threshold.expected_bootstrap.csv");
        int n = search.units();
        int[][] draws = new int[boot.rows()][n];
        for (int j = 0; j < n; j++) {
            int[] col = boot.integers("draw_" + (j + 1));
            for (int b = 0; b < draws.length; b++) {
                draws[b][j] = col[b] - 1;
            }
        }
        double[] fStar = boot.numbers("f1_star");
        JsonNode eb = expected.get("bootstrap");
        assertEquals(eb.get("replications").asInt(), draws.length);
        ThresholdBootstrapResult r = ThresholdBootstrap.run(search, fit, draws);
        for (int b = 0; b < fStar.length; b++) {
            close(fStar[b], r.f1Star()[b], REL, "F1* replication " + (b + 1));
        }
        assertEquals(eb.get("p_value").asDouble(), r.pValue(), 0.0, "bootstrap p with the shipped draws");
        JsonNode q = eb.get("F1_star_quantiles_type7");
        close(q.get("q90").asDouble(), io.panelflow.estimation.study.Quantiles.type7(r.f1Star(), 0.90), REL, "F1* q90");
        close(q.get("q95").asDouble(), io.panelflow.estimation.study.Quantiles.type7(r.f1Star(), 0.95), REL, "F1* q95");
        close(q.get("q99").asDouble(), io.panelflow.estimation.study.Quantiles.type7(r.f1Star(), 0.99), REL, "F1* q99");
    }

    @Test
    void seededBootstrapIsReproducibleAndWithinMonteCarloErrorOfTheReference() {
        double p = expected.get("bootstrap").get("p_value").asDouble();
        int b = expected.get("bootstrap").get("replications").asInt();
        long seed = expected.get("bootstrap").get("seed").asLong();
        ThresholdBootstrapResult first = ThresholdBootstrap.run(search, fit, b, seed);
        ThresholdBootstrapResult again = ThresholdBootstrap.run(search, fit, b, seed);
        assertArrayEquals(first.f1Star(), again.f1Star(), 0.0);
        double mc = 3 * Math.sqrt(p * (1 - p) / b);
        assertTrue(Math.abs(first.pValue() - p) <= mc,
                "seeded p " + first.pValue() + " vs reference " + p + " (3 MC s.e. = " + mc + ")");
        ThresholdBootstrapResult other = ThresholdBootstrap.run(search, fit, b, seed + 1);
        assertTrue(!java.util.Arrays.equals(first.f1Star(), other.f1Star()), "another seed gives other draws");
    }
}
