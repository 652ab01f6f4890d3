package io.panelflow.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.frame.PanelFrame;
import io.panelflow.index.composite.CompositeIndex;
import io.panelflow.index.composite.CompositeIndexCalculator;
import io.panelflow.index.pca.CorrelationMatrix;
import io.panelflow.index.pca.PrincipalComponents;
import io.panelflow.model.spec.IndexSpec;
import io.panelflow.model.spec.IndicatorSpec;
import io.panelflow.testing.SharedReference;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.panelflow.index.ReferenceData.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reference case S6: PCA of 7 standardized indicators (numerically singular: pcap = hwy + water +
 * util up to rounding) and its well-conditioned 6-indicator variant. Well-determined quantities are
 * compared to 1e-8 relative; the 7th eigenvalue and its eigenvector absolutely, as the case's conventions
 * say; KMO and Bartlett's chi2 of the singular matrix within the spread of R's own algorithms that the case
 * lists (about 1.7e-6 and 8e-5 relative), the per-variable MSA at 1e-5.
 */
class PcaReferenceTest {
    private static final String CASE = "S6_produc_pca";
    private static final double REL = 1e-8;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static CompositeIndex pca(PanelFrame panel, List<String> indicators) {
        List<IndicatorSpec> specs = new ArrayList<>();
        for (String s : indicators) {
            // direction is ignored by PCA unless applyDirection is set (S6: unemp is NOT reversed)
            specs.add(new IndicatorSpec(s, s.equals("unemp") ? "negative" : "positive", null, null));
        }
        return CompositeIndexCalculator.compute(panel, new IndexSpec("P", "pca", "pooled", specs, null, null, null),
                ReferenceData.measures());
    }

    @Test
    void sevenIndicatorPcaMatchesTheReference() {
        JsonNode json = SharedReference.json(CASE);
        JsonNode exp = json.get("expected");
        PanelFrame panel = ReferenceData.panel(CASE + ".csv", "state", "year", null);
        List<String> ind = names(json.get("spec").get("indicators"));
        CompositeIndex index = pca(panel, ind);
        Map<String, Object> d = index.result().diagnostics();
        assertEquals(exp.get("n").asInt(), d.get("n"));

        for (String v : ind) {
            assertClose(exp.get("means").get(v).asDouble(), (Double) map(d.get("means")).get(v), REL, "mean " + v);
            assertClose(exp.get("sds").get(v).asDouble(), (Double) map(d.get("sds")).get(v), REL, "sd " + v);
        }
        for (int k = 1; k <= 6; k++) {
            String pc = "PC" + k;
            assertClose(exp.get("eigenvalues").get(pc).asDouble(), (Double) map(d.get("eigenvalues")).get(pc), REL, "eigenvalue " + pc);
            assertClose(exp.get("proportion_of_variance").get(pc).asDouble(),
                    (Double) map(d.get("proportionOfVariance")).get(pc), REL, "share " + pc);
            assertClose(exp.get("cumulative_proportion").get(pc).asDouble(),
                    (Double) map(d.get("cumulativeProportion")).get(pc), REL, "cumulative " + pc);
            for (String v : ind) {
                assertClose(exp.get("loadings_unit").get(v).get(pc).asDouble(),
                        (Double) map(map(d.get("loadings")).get(v)).get(pc), REL, "loading " + v + " " + pc);
            }
        }
        double lambda7 = (Double) map(d.get("eigenvalues")).get("PC7");
        assertTrue(Math.abs(lambda7 - exp.get("eigenvalues").get("PC7").asDouble()) < 1e-13, "7th eigenvalue " + lambda7);
        for (String v : ind) {
            double l7 = (Double) map(map(d.get("loadings")).get(v)).get("PC7");
            assertTrue(Math.abs(l7 - exp.get("loadings_unit").get(v).get("PC7").asDouble()) < 1e-9, "PC7 loading " + v);
        }
        assertEquals(names(exp.get("retained_components")), d.get("retainedComponents"));
        assertClose(exp.get("retained_weights").get("PC1").asDouble(), (Double) map(d.get("retainedWeights")).get("PC1"), REL, "omega");

        // ill-conditioned (condition number ~1.6e14): KMO and Bartlett within the spread of R's own algorithms
        // (LU solve, eigen, Cholesky) that the case lists; the per-variable MSA, which has no listed spread, at 1e-5
        JsonNode sens = exp.get("numerical_sensitivity");
        double kmoSpread = spread(sens.get("kmo_via_solve").asDouble(), sens.get("kmo_via_eigen_inverse").asDouble(),
                sens.get("kmo_via_chol2inv").asDouble());
        double kmo = (Double) d.get("kmo");
        assertTrue(Math.abs(kmo - exp.get("kmo_overall").asDouble()) <= kmoSpread,
                "KMO " + kmo + " within " + kmoSpread + " of " + exp.get("kmo_overall").asDouble());
        for (String v : ind) {
            assertClose(exp.get("kmo_per_variable").get(v).asDouble(), (Double) map(d.get("kmoPerVariable")).get(v), 1e-5, "MSA " + v);
        }
        Map<String, Object> bartlett = map(d.get("bartlett"));
        // R's chi2 is the LU one
        double chiSpread = spread(exp.get("bartlett").get("chi2").asDouble(),
                sens.get("bartlett_chi2_via_eigen_product").asDouble(), sens.get("bartlett_chi2_via_cholesky").asDouble());
        double chi2 = (Double) bartlett.get("chi2");
        assertTrue(Math.abs(chi2 - exp.get("bartlett").get("chi2").asDouble()) <= chiSpread,
                "Bartlett chi2 " + chi2 + " within " + chiSpread + " of " + exp.get("bartlett").get("chi2").asDouble());
        assertEquals(exp.get("bartlett").get("df").asInt(), bartlett.get("df"));
        assertClose(exp.get("bartlett").get("p_value").asDouble(), (Double) bartlett.get("pValue"), REL, "Bartlett p");

        // scores and composite per state-year
        double[][] columns = new double[ind.size()][];
        for (int j = 0; j < ind.size(); j++) {
            columns[j] = panel.numeric(ind.get(j));
        }
        PrincipalComponents pcs = PrincipalComponents.of(CorrelationMatrix.of(columns, ind.toArray(String[]::new)));
        double[][] loadings = pcs.scaledLoadings();
        for (int j = 0; j < ind.size(); j++) {
            for (int k = 0; k < 6; k++) {
                assertClose(exp.get("loadings_scaled").get(ind.get(j)).get("PC" + (k + 1)).asDouble(), loadings[j][k], REL,
                        "scaled loading " + ind.get(j) + " PC" + (k + 1));
            }
        }
        ReferenceData.Table units = ReferenceData.table(CASE + ".expected_units.csv");
        double[] composite = index.columns().get("P");
        for (int i = 0; i < units.size(); i++) {
            for (int k = 0; k < 6; k++) {
                assertClose(units.number(i, "score_PC" + (k + 1)), pcs.scores()[k][i], REL, "score PC" + (k + 1) + " row " + i);
            }
            assertTrue(Math.abs(units.number(i, "score_PC7") - pcs.scores()[6][i]) < 1e-9, "score PC7 row " + i);
            assertClose(units.number(i, "composite"), composite[i], REL, "composite row " + i);
        }
        JsonNode first = exp.get("composite_summary").get("first_unit");
        assertEquals(first.get("state").asText(), panel.unitKeys()[0]);
        assertEquals(first.get("year").asText(), panel.timeKeys()[0]);
        assertClose(first.get("composite").asDouble(), composite[0], REL, "first unit");
        summary(exp.get("composite_summary"), composite, "7-indicator composite");

        assertEquals(exp.get("p").asInt(), ind.size(), "indicators");
        double[][] r = CorrelationMatrix.of(columns, ind.toArray(String[]::new)).correlation();
        for (int a = 0; a < ind.size(); a++) {
            for (int b = 0; b < ind.size(); b++) {
                assertClose(exp.get("correlation_matrix").get(ind.get(a)).get(ind.get(b)).asDouble(), r[a][b], REL,
                        "correlation " + ind.get(a) + "," + ind.get(b));
            }
        }
        // the 7th component: its share absolutely, the cumulative share exactly 1
        assertTrue(Math.abs((Double) map(d.get("proportionOfVariance")).get("PC7")
                - exp.get("proportion_of_variance").get("PC7").asDouble()) < 1e-14, "share PC7");
        assertClose(exp.get("cumulative_proportion").get("PC7").asDouble(),
                (Double) map(d.get("cumulativeProportion")).get("PC7"), REL, "cumulative PC7");
        assertClose(exp.get("retained_weights").get("PC1").asDouble(), (Double) map(d.get("retainedWeights")).get("PC1"),
                REL, "retained weight");
    }

    /** max − min: how far equally valid algorithms land apart. */
    private static double spread(double... values) {
        return java.util.Arrays.stream(values).max().orElseThrow() - java.util.Arrays.stream(values).min().orElseThrow();
    }

    /** mean (absolutely: it is 0 up to rounding), sample sd, min and max of a composite. */
    private static void summary(JsonNode expected, double[] values, String what) {
        double mean = java.util.Arrays.stream(values).average().orElseThrow();
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        assertTrue(Math.abs(mean - expected.get("mean").asDouble()) < 1e-12, what + " mean " + mean);
        assertClose(expected.get("sd").asDouble(), Math.sqrt(ss / (values.length - 1)), REL, what + " sd");
        assertClose(expected.get("min").asDouble(), java.util.Arrays.stream(values).min().orElseThrow(), REL, what + " min");
        assertClose(expected.get("max").asDouble(), java.util.Arrays.stream(values).max().orElseThrow(), REL, what + " max");
    }

    @Test
    void wellConditionedVariantMatchesTightlyIncludingKmoAndBartlett() {
        JsonNode json = SharedReference.json(CASE);
        JsonNode exp = json.get("expected").get("variant_without_pcap");
        PanelFrame panel = ReferenceData.panel(CASE + ".csv", "state", "year", null);
        List<String> ind = names(exp.get("indicators"));
        CompositeIndex index = pca(panel, ind);
        Map<String, Object> d = index.result().diagnostics();
        for (int k = 1; k <= ind.size(); k++) {
            String pc = "PC" + k;
            assertClose(exp.get("eigenvalues").get(pc).asDouble(), (Double) map(d.get("eigenvalues")).get(pc), REL, "eigenvalue " + pc);
            assertClose(exp.get("proportion_of_variance").get(pc).asDouble(),
                    (Double) map(d.get("proportionOfVariance")).get(pc), REL, "share " + pc);
            for (String v : ind) {
                assertClose(exp.get("loadings_unit").get(v).get(pc).asDouble(),
                        (Double) map(map(d.get("loadings")).get(v)).get(pc), REL, "loading " + v + " " + pc);
            }
        }
        assertClose(exp.get("kmo_overall").asDouble(), (Double) d.get("kmo"), REL, "KMO");
        for (String v : ind) {
            assertClose(exp.get("kmo_per_variable").get(v).asDouble(), (Double) map(d.get("kmoPerVariable")).get(v), REL, "MSA " + v);
        }
        Map<String, Object> bartlett = map(d.get("bartlett"));
        assertClose(exp.get("bartlett").get("chi2").asDouble(), (Double) bartlett.get("chi2"), REL, "Bartlett chi2");
        assertEquals(exp.get("bartlett").get("df").asInt(), bartlett.get("df"));
        assertClose(exp.get("bartlett").get("p_value").asDouble(), (Double) bartlett.get("pValue"), REL, "Bartlett p");
        assertEquals(names(exp.get("retained_components")), d.get("retainedComponents"));
        assertClose(exp.get("retained_weights").get("PC1").asDouble(), (Double) map(d.get("retainedWeights")).get("PC1"),
                REL, "retained weight");
        double[][] columns = new double[ind.size()][];
        for (int j = 0; j < ind.size(); j++) {
            columns[j] = panel.numeric(ind.get(j));
        }
        CorrelationMatrix corr = CorrelationMatrix.of(columns, ind.toArray(String[]::new));
        double[][] scaled = PrincipalComponents.of(corr).scaledLoadings();
        for (int a = 0; a < ind.size(); a++) {
            for (int b = 0; b < ind.size(); b++) {
                assertClose(exp.get("correlation_matrix").get(ind.get(a)).get(ind.get(b)).asDouble(),
                        corr.correlation()[a][b], REL, "correlation " + ind.get(a) + "," + ind.get(b));
            }
            for (int k = 0; k < ind.size(); k++) {
                assertClose(exp.get("loadings_scaled").get(ind.get(a)).get("PC" + (k + 1)).asDouble(), scaled[a][k], REL,
                        "scaled loading " + ind.get(a) + " PC" + (k + 1));
            }
        }
        for (int k = 1; k <= ind.size(); k++) {
            assertClose(exp.get("cumulative_proportion").get("PC" + k).asDouble(),
                    (Double) map(d.get("cumulativeProportion")).get("PC" + k), REL, "cumulative PC" + k);
        }
        ReferenceData.Table units = ReferenceData.table(CASE + ".expected_units.csv");
        double[] composite = index.columns().get("P");
        double sum = 0;
        for (int i = 0; i < units.size(); i++) {
            assertClose(units.number(i, "composite_without_pcap"), composite[i], REL, "composite row " + i);
            sum += composite[i];
        }
        summary(exp.get("composite_summary"), composite, "6-indicator composite");
        assertTrue(Math.abs(sum / units.size()) < 1e-12, "mean composite is 0");
    }
}
