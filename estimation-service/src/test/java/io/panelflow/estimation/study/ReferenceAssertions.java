package io.panelflow.estimation.study;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.model.result.Coefficient;
import io.panelflow.model.result.FixedEffectInfo;
import io.panelflow.model.result.ModelResult;

import java.util.Iterator;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compares a {@link ModelResult} with a reference case's model block (expected numbers read from the JSON). */
final class ReferenceAssertions {
    static final double TIGHT = 1e-8;
    /** p-values: tiny tail probabilities amplify the relative error of t by about t² (as the engine-level checks). */
    static final double P_VALUE = 1e-6;

    private ReferenceAssertions() {
    }

    static void close(double expected, double actual, double relative, String what) {
        double scale = Math.max(Math.abs(expected), 1e-300);
        assertTrue(Math.abs(actual - expected) <= relative * scale,
                what + ": expected " + expected + " but was " + actual + " (relative difference "
                        + Math.abs(actual - expected) / scale + ")");
    }

    static double number(ModelResult m, String key) {
        Object v = m.diagnostics().get(key);
        assertTrue(v instanceof Number, m.id() + ": no number " + key + " in the diagnostics");
        return ((Number) v).doubleValue();
    }

    /** n, fixed-effect sizes, coefficients, fit statistics and the SEs, t and p of {@code vcovBlock}. */
    static void matchesModel(JsonNode expected, ModelResult actual, String vcovBlock, double tol) {
        String id = actual.id();
        assertEquals(expected.get("n_obs").asInt(), actual.nobs(), id + " nobs");
        if (expected.has("fixed_effect_sizes")) {
            Iterator<Map.Entry<String, JsonNode>> fe = expected.get("fixed_effect_sizes").fields();
            while (fe.hasNext()) {
                var e = fe.next();
                FixedEffectInfo info = actual.fixedEffects().stream().filter(f -> f.name().equals(e.getKey())).findFirst()
                        .orElseThrow(() -> new AssertionError(id + ": no fixed effect " + e.getKey()));
                assertEquals(e.getValue().asInt(), info.levels(), id + " levels of " + e.getKey());
            }
        }
        JsonNode coefficients = expected.get("coefficients");
        assertEquals(coefficients.size(), actual.coefficients().size(), id + " number of coefficients");
        coefficients.fields().forEachRemaining(e -> {
            Coefficient c = actual.coefficient(e.getKey());
            assertNotNull(c, id + ": no coefficient " + e.getKey());
            close(e.getValue().asDouble(), c.estimate(), tol, id + " " + e.getKey());
        });
        close(expected.get("r2").asDouble(), actual.r2(), tol, id + " r2");
        close(expected.get("adj_r2").asDouble(), actual.adjR2(), tol, id + " adj r2");
        if (expected.has("within_r2")) {
            close(expected.get("within_r2").asDouble(), actual.r2Within(), tol, id + " within r2");
            close(expected.get("within_adj_r2").asDouble(), number(actual, "adjR2Within"), tol, id + " within adj r2");
        }
        double n = expected.get("n_obs").asDouble();
        close(Math.sqrt(expected.get("rss").asDouble() / n), actual.rmse(), tol, id + " rmse");
        close(expected.get("rss").asDouble(), number(actual, "rss"), tol, id + " rss");
        close(expected.get("tss").asDouble(), number(actual, "tss"), tol, id + " tss");
        if (expected.has("rss_fixef_only")) {
            close(expected.get("rss_fixef_only").asDouble(), number(actual, "tssWithin"), tol, id + " rss fixef only");
        }
        close(expected.get("sigma").asDouble(), number(actual, "sigma"), tol, id + " sigma");
        if (expected.has("n_params_K_full")) {
            assertEquals(expected.get("n_params_K_full").asInt(), (int) number(actual, "kFull"), id + " K full");
            assertEquals(expected.get("residual_df_iid").asInt(), actual.nobs() - (int) number(actual, "kFull"),
                    id + " residual df (iid)");
        }
        if (vcovBlock != null) {
            JsonNode v = expected.get("vcov").get(vcovBlock);
            for (String stat : new String[]{"se", "t", "p"}) {
                v.get(stat).fields().forEachRemaining(e -> {
                    Coefficient c = actual.coefficient(e.getKey());
                    double got = stat.equals("se") ? c.stdError() : stat.equals("t") ? c.statistic() : c.pValue();
                    close(e.getValue().asDouble(), got, stat.equals("p") ? Math.max(tol, P_VALUE) : tol,
                            id + " " + vcovBlock + " " + stat + " " + e.getKey());
                });
            }
            if (!v.get("n_clusters").isNull()) {
                assertEquals(v.get("n_clusters").asInt(), actual.vcov().clusters().get(0), id + " clusters");
            }
            assertEquals(v.get("dof_K").asInt(), (int) number(actual, "dofK"), id + " dof K");
            if (!v.get("small_sample_factor").isNull()) {
                close(v.get("small_sample_factor").asDouble(), number(actual, "smallSampleFactor"), tol,
                        id + " small-sample factor");
            }
            assertEquals(v.get("t_df").asInt(), ((Number) actual.diagnostics().get("dfResidual")).intValue(), id + " t df");
        }
    }
}
