package io.panelflow.estimation.engine;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Compares an {@link Estimate} with an expected model block of a reference case JSON. */
final class ReferenceChecks {
    static final double TIGHT = 1e-8;
    /** p-values: tiny tail probabilities amplify the relative error of t by about t². */
    static final double P_VALUE = 1e-6;

    private ReferenceChecks() {
    }

    static void close(double expected, double actual, double relTol, String what) {
        double scale = Math.max(Math.abs(expected), 1e-300);
        if (!(Math.abs(expected - actual) <= relTol * scale)) {
            fail(what + ": expected " + expected + " but was " + actual + " (relative difference "
                    + Math.abs(expected - actual) / scale + ")");
        }
    }

    /** Sample, coefficients and fit statistics of a model block. */
    static void fit(JsonNode m, Estimate e, double tol, String label) {
        assertEquals(m.get("n_obs").asInt(), e.nobs(), label + " n_obs");
        if (m.has("n_params_K_full")) {
            assertEquals(m.get("n_params_K_full").asInt(), e.kFull(), label + " K_full");
        }
        if (m.has("residual_df_iid")) {
            assertEquals(m.get("residual_df_iid").asInt(), e.nobs() - e.kFull(), label + " residual df (iid)");
        }
        if (m.has("fixed_effect_sizes")) {
            Iterator<Map.Entry<String, JsonNode>> it = m.get("fixed_effect_sizes").fields();
            int k = 0;
            while (it.hasNext()) {
                assertEquals(it.next().getValue().asInt(), e.fixedEffectLevels()[k++], label + " FE levels");
            }
        }
        coefficients(m.get("coefficients"), e, tol, label);
        close(m.get("rss").asDouble(), e.rss(), tol, label + " rss");
        close(m.get("tss").asDouble(), e.tss(), tol, label + " tss");
        if (m.has("rss_fixef_only")) {
            close(m.get("rss_fixef_only").asDouble(), e.tssWithin(), tol, label + " rss_fixef_only");
        }
        close(m.get("r2").asDouble(), e.r2(), tol, label + " r2");
        close(m.get("adj_r2").asDouble(), e.adjR2(), tol, label + " adj_r2");
        if (m.has("within_r2")) {
            close(m.get("within_r2").asDouble(), e.r2Within(), tol, label + " within_r2");
            close(m.get("within_adj_r2").asDouble(), e.adjR2Within(), tol, label + " within_adj_r2");
        }
        close(m.get("sigma").asDouble(), (Double) e.diagnostics().get("sigma"), tol, label + " sigma");
    }

    static void coefficients(JsonNode coefs, Estimate e, double tol, String label) {
        assertEquals(coefs.size(), e.terms().length, label + " number of coefficients");
        coefs.fields().forEachRemaining(c -> {
            int j = e.indexOf(c.getKey());
            assertTrue(j >= 0, label + " missing term " + c.getKey());
            close(c.getValue().asDouble(), e.coefficients()[j], tol, label + " coef " + c.getKey());
        });
    }

    /** One vcov block: K, clusters, t df, SEs, t, p and the full matrix. */
    static void vcov(JsonNode block, Estimate e, double tol, String label) {
        assertEquals(block.get("dof_K").asInt(), ((Number) e.diagnostics().get("dofK")).intValue(), label + " dof_K");
        assertEquals(block.get("t_df").asInt(), e.dfResidual(), label + " t_df");
        if (block.has("n_clusters") && !block.get("n_clusters").isNull()) {
            assertEquals(block.get("n_clusters").asInt(), e.clusterCounts()[0], label + " clusters");
        }
        smallSampleFactor(block, e.diagnostics().get("smallSampleFactor"), tol, label);
        block.get("se").fields().forEachRemaining(c ->
                close(c.getValue().asDouble(), e.stdErrors()[index(e, c.getKey())], tol, label + " se " + c.getKey()));
        block.get("t").fields().forEachRemaining(c ->
                close(c.getValue().asDouble(), e.statistics()[index(e, c.getKey())], tol, label + " t " + c.getKey()));
        block.get("p").fields().forEachRemaining(c ->
                close(c.getValue().asDouble(), e.pValues()[index(e, c.getKey())], Math.max(tol, P_VALUE),
                        label + " p " + c.getKey()));
        if (block.has("vcov_matrix")) {
            block.get("vcov_matrix").fields().forEachRemaining(r -> r.getValue().fields().forEachRemaining(c -> {
                double expected = c.getValue().asDouble();
                double actual = e.vcov()[index(e, r.getKey())][index(e, c.getKey())];
                close(expected, actual, tol, label + " vcov[" + r.getKey() + "," + c.getKey() + "]");
            }));
        }
    }

    /** The block's small-sample factor: a number to match, or null (iid) where the engine reports none. */
    static void smallSampleFactor(JsonNode block, Object actual, double tol, String label) {
        JsonNode f = block.get("small_sample_factor");
        if (f == null || f.isNull()) {
            assertTrue(actual == null, label + " small-sample factor: expected none but was " + actual);
        } else {
            assertTrue(actual instanceof Number, label + " small-sample factor missing");
            close(f.asDouble(), ((Number) actual).doubleValue(), tol, label + " small-sample factor");
        }
    }

    private static int index(Estimate e, String term) {
        int j = e.indexOf(term);
        assertTrue(j >= 0, "missing term " + term);
        return j;
    }

    /** The request matching a vcov block key of the reference JSON (iid, hetero, cluster_x[_fixefK_...]). */
    static VcovRequest request(String key, int[] cluster, String clusterName) {
        VcovRequest base;
        if (key.startsWith("iid")) {
            base = VcovRequest.iid();
        } else if (key.startsWith("hetero")) {
            base = VcovRequest.hetero();
        } else if (key.startsWith("cluster")) {
            base = VcovRequest.cluster(cluster, clusterName);
        } else {
            throw new IllegalArgumentException("unknown vcov block " + key);
        }
        if (key.endsWith("_exact")) {
            return base.withFixefK(FixefK.FULL_EXACT);
        }
        if (key.endsWith("fixefK_full")) {
            return base.withFixefK(FixefK.FULL);
        }
        if (key.endsWith("fixefK_none")) {
            return base.withFixefK(FixefK.NONE);
        }
        return base;
    }

    /** Fits the design with every vcov block of the model and checks fit and variance numbers. */
    static void allBlocks(JsonNode model, Design d, EstimationOptions o, int[] cluster, String clusterName,
                          double tol, String label) {
        DemeanedSample sample = DemeanedSample.of(d, o);
        model.get("vcov").fields().forEachRemaining(b -> {
            Estimate e = FixedEffectsRegression.fit(d, request(b.getKey(), cluster, clusterName), o, sample);
            fit(model, e, tol, label + " " + b.getKey());
            vcov(b.getValue(), e, tol, label + " " + b.getKey());
        });
    }
}
