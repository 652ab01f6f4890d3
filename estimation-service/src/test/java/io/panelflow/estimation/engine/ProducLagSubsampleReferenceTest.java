package io.panelflow.estimation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.testing.SharedReference;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** S11: within-state lag, exclusion of region 9, unemp-quartile subsamples with singletons kept and dropped. */
class ProducLagSubsampleReferenceTest {
    private static final String[] NAMES = {"log(pcap)", "log(pc)", "log(emp)", "unemp"};

    @Test
    void lagWithinStateByYear() {
        JsonNode expected = SharedReference.json("S11_produc_lag_and_subsample").get("expected").get("a_lag");
        ReferenceTable t = ReferenceTable.read("S11_produc_lag_and_subsample.csv");
        String[] state = t.text("state");
        double[] year = t.num("year");
        double[] lpcap = t.log("pcap");
        Map<String, Double> byStateYear = new HashMap<>();
        for (int i = 0; i < t.rows(); i++) {
            byStateYear.put(state[i] + "|" + (long) year[i], lpcap[i]);
        }
        double[] lag = new double[t.rows()];
        for (int i = 0; i < lag.length; i++) {
            Double v = byStateYear.get(state[i] + "|" + ((long) year[i] - 1));
            lag[i] = v == null ? Double.NaN : v;
        }
        ReferenceTable withLag = t.filter(i -> !Double.isNaN(lag[i]));
        double[] lagKept = Arrays.stream(lag).filter(v -> !Double.isNaN(v)).toArray();
        assertEquals(expected.get("n_obs_removed").asInt(), t.rows() - withLag.rows());
        int[] st = withLag.codes("state");
        Design d = Design.ols(withLag.log("gsp"), "log(gsp)",
                new double[][]{lagKept, withLag.log("pc"), withLag.log("emp"), withLag.num("unemp")},
                new String[]{"l(log(pcap), 1)", "log(pc)", "log(emp)", "unemp"},
                new int[][]{st, withLag.codes("year")}, new String[]{"state", "year"});
        ReferenceChecks.allBlocks(expected, d, EstimationOptions.DEFAULT, st, "state", ReferenceChecks.TIGHT, "S11 lag");
    }

    @Test
    void excludingRegionNine() {
        JsonNode expected = SharedReference.json("S11_produc_lag_and_subsample").get("expected").get("b_excl_region9");
        ReferenceTable all = ReferenceTable.read("S11_produc_lag_and_subsample.csv");
        double[] region = all.num("region");
        ReferenceTable t = all.filter(i -> region[i] != 9);
        int[] st = t.codes("state");
        ReferenceChecks.allBlocks(expected, design(t, st), EstimationOptions.DEFAULT, st, "state",
                ReferenceChecks.TIGHT, "S11 excl");
    }

    @Test
    void unemploymentQuartilesWithSingletonsKeptAndDropped() {
        JsonNode json = SharedReference.json("S11_produc_lag_and_subsample");
        JsonNode quartiles = json.get("expected").get("c_quartiles");
        ReferenceTable all = ReferenceTable.read("S11_produc_lag_and_subsample.csv");
        double[] unemp = all.num("unemp");
        double[] cuts = {quantileType7(unemp, 0.25), quantileType7(unemp, 0.5), quantileType7(unemp, 0.75)};
        JsonNode published = json.get("spec").get("quartile_cutpoints");
        ReferenceChecks.close(published.get("q1").asDouble(), cuts[0], 1e-12, "q1");
        ReferenceChecks.close(published.get("q2").asDouble(), cuts[1], 1e-12, "q2");
        ReferenceChecks.close(published.get("q3").asDouble(), cuts[2], 1e-12, "q3");
        EstimationOptions dropping = new EstimationOptions(true, EstimationOptions.DEFAULT.tolerance(),
                EstimationOptions.DEFAULT.maxIterations());
        for (int q = 1; q <= 4; q++) {
            double lo = q == 1 ? Double.NEGATIVE_INFINITY : cuts[q - 2];
            double hi = q == 4 ? Double.POSITIVE_INFINITY : cuts[q - 1];
            ReferenceTable t = all.filter(i -> unemp[i] > lo && unemp[i] <= hi);
            JsonNode block = quartiles.get("Q" + q);
            String label = "S11 Q" + q;
            double[] u = t.num("unemp");
            JsonNode interval = block.get("interval");
            ReferenceChecks.close(interval.get("lower").asDouble(),
                    q == 1 ? Arrays.stream(u).min().orElseThrow() : cuts[q - 2], 1e-15, label + " lower bound");
            ReferenceChecks.close(interval.get("upper").asDouble(),
                    q == 4 ? Arrays.stream(u).max().orElseThrow() : cuts[q - 1], 1e-15, label + " upper bound");
            assertEquals(block.get("n_obs").asInt(), t.rows(), label + " n");
            assertEquals(block.get("n_states").asInt(), distinct(t.text("state")), label + " states");
            assertEquals(block.get("n_years").asInt(), distinct(t.text("year")), label + " years");
            assertEquals(block.get("singleton_states").asInt(), singletons(t.text("state")), label + " singleton states");
            assertEquals(block.get("singleton_years").asInt(), singletons(t.text("year")), label + " singleton years");
            int[] st = t.codes("state");
            Design d = design(t, st);
            ReferenceChecks.allBlocks(block.get("singletons_kept_full_model"), d, EstimationOptions.DEFAULT, st, "state",
                    ReferenceChecks.TIGHT, "S11 Q" + q + " kept");
            JsonNode dropped = block.get("singletons_dropped");
            ReferenceChecks.allBlocks(dropped.get("model"), d, dropping, st, "state", ReferenceChecks.TIGHT,
                    "S11 Q" + q + " dropped");
            Estimate e = FixedEffectsRegression.fit(d, VcovRequest.cluster(st, "state"), dropping);
            assertEquals(t.rows() - dropped.get("n_obs").asInt(), e.singletonsDropped(), "singletons removed");
            assertEquals(dropped.get("n_clusters").asInt(), e.clusterCounts()[0]);
            int j = e.indexOf("log(pcap)");
            ReferenceChecks.close(dropped.get("coef_log_pcap").asDouble(), e.coefficients()[j], ReferenceChecks.TIGHT,
                    label + " dropped coef");
            ReferenceChecks.close(dropped.get("se_log_pcap_cluster_state").asDouble(), e.stdErrors()[j],
                    ReferenceChecks.TIGHT, label + " dropped se");
            VcovRequest cluster = VcovRequest.cluster(st, "state");
            Estimate kept = FixedEffectsRegression.fit(d, cluster, EstimationOptions.DEFAULT);
            Estimate keptFull = FixedEffectsRegression.fit(d, cluster.withFixefK(FixefK.FULL), EstimationOptions.DEFAULT);
            int k = kept.indexOf("log(pcap)");
            assertEquals(block.get("n_clusters").asInt(), kept.clusterCounts()[0], label + " clusters");
            ReferenceChecks.close(block.get("coef_log_pcap").asDouble(), kept.coefficients()[k], ReferenceChecks.TIGHT,
                    label + " coef");
            ReferenceChecks.close(block.get("se_log_pcap_cluster_state").asDouble(), kept.stdErrors()[k],
                    ReferenceChecks.TIGHT, label + " se");
            ReferenceChecks.close(block.get("p_log_pcap_cluster_state").asDouble(), kept.pValues()[k],
                    ReferenceChecks.P_VALUE, label + " p");
            ReferenceChecks.close(block.get("se_log_pcap_cluster_state_fixefK_full").asDouble(), keptFull.stdErrors()[k],
                    ReferenceChecks.TIGHT, label + " se with full K");
        }
    }

    private static int distinct(String[] keys) {
        return (int) Arrays.stream(keys).distinct().count();
    }

    /** Levels that occur in exactly one row. */
    private static int singletons(String[] keys) {
        Map<String, Integer> count = new HashMap<>();
        for (String k : keys) {
            count.merge(k, 1, Integer::sum);
        }
        return (int) count.values().stream().filter(c -> c == 1).count();
    }

    private static Design design(ReferenceTable t, int[] state) {
        return Design.ols(t.log("gsp"), "log(gsp)",
                new double[][]{t.log("pcap"), t.log("pc"), t.log("emp"), t.num("unemp")}, NAMES,
                new int[][]{state, t.codes("year")}, new String[]{"state", "year"});
    }

    /** R's type-7 quantile: x_(h) interpolated at h = (n − 1) p. */
    static double quantileType7(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        double h = (s.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (h - lo) * (s[hi] - s[lo]);
    }
}
