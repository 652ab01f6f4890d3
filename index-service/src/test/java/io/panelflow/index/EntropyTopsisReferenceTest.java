package io.panelflow.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.frame.PanelFrame;
import io.panelflow.index.composite.CompositeIndex;
import io.panelflow.index.composite.CompositeIndexCalculator;
import io.panelflow.index.entropy.EntropyWeights;
import io.panelflow.index.normalize.MinMaxNormalization;
import io.panelflow.index.topsis.TopsisCloseness;
import io.panelflow.index.weights.WeightedScore;
import io.panelflow.model.result.IndexResult;
import io.panelflow.model.result.IndexValue;
import io.panelflow.model.spec.IndexSpec;
import io.panelflow.model.spec.IndicatorSpec;
import io.panelflow.testing.SharedReference;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.panelflow.index.ReferenceData.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Reference case S5: entropy weights, entropy score and TOPSIS closeness, pooled and per year. */
class EntropyTopsisReferenceTest {
    private static final double REL = 1e-8;
    private static final String CASE = "S5_produc_entropy_topsis";

    private static List<IndicatorSpec> indicators(JsonNode json) {
        List<IndicatorSpec> out = new ArrayList<>();
        json.get("spec").get("indicators").fields()
                .forEachRemaining(e -> out.add(new IndicatorSpec(e.getKey(), e.getValue().asText(), null, null)));
        return out;
    }

    @Test
    void pooledWeightsEntropiesScoresAndClosenessMatchTheReference() {
        JsonNode json = SharedReference.json(CASE);
        PanelFrame panel = ReferenceData.panel(CASE + ".csv", "state", "year", null);
        List<IndicatorSpec> inds = indicators(json);
        String[] names = inds.stream().map(IndicatorSpec::column).toArray(String[]::new);
        boolean[] positive = new boolean[names.length];
        double[][] raw = new double[names.length][];
        for (int j = 0; j < names.length; j++) {
            positive[j] = inds.get(j).positive();
            raw[j] = panel.numeric(names[j]);
        }
        double[][] x = MinMaxNormalization.normalize(raw, positive, 0, names);
        EntropyWeights ew = EntropyWeights.compute(x, names);
        JsonNode pooled = json.get("expected").get("pooled");
        assertEquals(pooled.get("n").asInt(), ew.n());
        for (int j = 0; j < names.length; j++) {
            assertClose(pooled.get("entropy").get(names[j]).asDouble(), ew.entropy()[j], REL, "entropy " + names[j]);
            assertClose(pooled.get("divergence").get(names[j]).asDouble(), ew.divergence()[j], REL, "divergence " + names[j]);
            assertClose(pooled.get("weight").get(names[j]).asDouble(), ew.weights()[j], REL, "weight " + names[j]);
        }
        TopsisCloseness t = TopsisCloseness.compute(x, ew.weights());
        for (int j = 0; j < names.length; j++) {
            assertClose(pooled.get("best").get(names[j]).asDouble(), t.best()[j], REL, "best " + names[j]);
            assertClose(pooled.get("worst").get(names[j]).asDouble(), t.worst()[j], REL, "worst " + names[j]);
        }
        double[] score = WeightedScore.compute(x, ew.weights());
        ReferenceData.Table units = ReferenceData.table(CASE + ".expected_units.csv");
        assertEquals(panel.rows(), units.size());
        String[] state = panel.unitKeys();
        String[] year = panel.timeKeys();
        for (int i = 0; i < units.size(); i++) {
            String row = state[i] + " " + year[i];
            assertEquals(units.text(i, "state"), state[i]);
            assertEquals(units.text(i, "year"), year[i]);
            assertClose(units.number(i, "pooled_score"), score[i], REL, "pooled score " + row);
            assertClose(units.number(i, "pooled_d_plus"), t.distanceToBest()[i], REL, "pooled D+ " + row);
            assertClose(units.number(i, "pooled_d_minus"), t.distanceToWorst()[i], REL, "pooled D- " + row);
            assertClose(units.number(i, "pooled_closeness"), t.closeness()[i], REL, "pooled closeness " + row);
        }
        JsonNode summary = pooled.get("summary");
        assertClose(summary.get("score_mean").asDouble(), java.util.Arrays.stream(score).average().orElseThrow(), REL,
                "score mean");
        assertClose(summary.get("score_min").asDouble(), java.util.Arrays.stream(score).min().orElseThrow(), REL, "score min");
        assertClose(summary.get("score_max").asDouble(), java.util.Arrays.stream(score).max().orElseThrow(), REL, "score max");
        double[] c = t.closeness();
        assertClose(summary.get("closeness_mean").asDouble(), java.util.Arrays.stream(c).average().orElseThrow(), REL,
                "closeness mean");
        assertClose(summary.get("closeness_min").asDouble(), java.util.Arrays.stream(c).min().orElseThrow(), REL,
                "closeness min");
        assertClose(summary.get("closeness_max").asDouble(), java.util.Arrays.stream(c).max().orElseThrow(), REL,
                "closeness max");
        JsonNode first = pooled.get("first_unit");
        assertEquals(first.get("state").asText(), state[0]);
        assertEquals(first.get("year").asText(), year[0]);
        assertClose(first.get("score").asDouble(), score[0], REL, "first unit score");
        assertClose(first.get("closeness").asDouble(), c[0], REL, "first unit closeness");
    }

    @Test
    void calculatorReproducesPooledAndPerYearScoresAndWeights() {
        JsonNode json = SharedReference.json(CASE);
        PanelFrame panel = ReferenceData.panel(CASE + ".csv", "state", "year", null);
        List<IndicatorSpec> inds = indicators(json);
        ReferenceData.Table units = ReferenceData.table(CASE + ".expected_units.csv");
        ReferenceData.Table byYear = ReferenceData.table(CASE + ".expected_weights_by_year.csv");

        String[][] variants = {
                {"pooled", "entropy", "pooled_score"}, {"pooled", "entropy-topsis", "pooled_closeness"},
                {"per-year", "entropy", "byyear_score"}, {"per-year", "entropy-topsis", "byyear_closeness"}};
        for (String[] v : variants) {
            IndexSpec spec = new IndexSpec("S", v[1], v[0], inds, null, null, null);
            CompositeIndex index = CompositeIndexCalculator.compute(panel, spec, ReferenceData.measures());
            double[] col = index.columns().get("S");
            for (int i = 0; i < units.size(); i++) {
                assertClose(units.number(i, v[2]), col[i], REL, v[0] + " " + v[1] + " row " + i);
            }
            IndexResult r = index.result();
            assertEquals(units.size(), r.values().size());
            assertClose(units.number(7, v[2]), r.values().get(7).value(), REL, "index value 7");
            String prefix = v[0].equals("pooled") ? "pooled" : "byyear";
            for (int i = 0; i < units.size(); i++) {
                IndexValue value = r.values().get(i);
                assertEquals(units.text(i, "state"), value.unit());
                assertEquals(units.text(i, "year"), value.time());
                if (v[1].equals("entropy-topsis")) {
                    assertClose(units.number(i, prefix + "_d_plus"), value.distanceToBest(), REL, prefix + " D+ row " + i);
                    assertClose(units.number(i, prefix + "_d_minus"), value.distanceToWorst(), REL, prefix + " D- row " + i);
                } else {
                    assertNull(value.distanceToBest(), "no D+ for a linear score");
                    assertNull(value.distanceToWorst(), "no D- for a linear score");
                }
            }
            if (v[0].equals("per-year")) {
                assertEquals(byYear.size(), r.weights().size());
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> diag = (Map<String, Map<String, Object>>) r.diagnostics().get("byYear");
                JsonNode listed = json.get("expected").get("by_year_weights");
                assertEquals(listed.size(), byYear.size(), "weights listed in the case and in its table");
                for (JsonNode e : listed) {
                    String key = e.get("year").asText() + "/" + e.get("indicator").asText();
                    assertClose(e.get("weight").asDouble(), r.weights().get(key), REL, "listed weight " + key);
                    Map<String, Object> yd = diag.get(e.get("year").asText());
                    assertEquals(e.get("n_units").asInt(), yd.get("n"), "listed n " + key);
                    @SuppressWarnings("unchecked")
                    Map<String, Double> ent = (Map<String, Double>) yd.get("entropy");
                    assertClose(e.get("entropy").asDouble(), ent.get(e.get("indicator").asText()), REL, "listed entropy " + key);
                    String dir = inds.stream().filter(ind -> ind.column().equals(e.get("indicator").asText())).findFirst()
                            .orElseThrow().direction();
                    assertEquals(e.get("direction").asText(), dir, "direction " + key);
                }
                for (int k = 0; k < byYear.size(); k++) {
                    String key = byYear.text(k, "year") + "/" + byYear.text(k, "indicator");
                    assertClose(byYear.number(k, "weight"), r.weights().get(key), REL, "weight " + key);
                    Map<String, Object> yd = diag.get(byYear.text(k, "year"));
                    assertEquals((int) byYear.number(k, "n_units"), yd.get("n"));
                    @SuppressWarnings("unchecked")
                    Map<String, Double> entropy = (Map<String, Double>) yd.get("entropy");
                    @SuppressWarnings("unchecked")
                    Map<String, Double> divergence = (Map<String, Double>) yd.get("divergence");
                    assertClose(byYear.number(k, "entropy"), entropy.get(byYear.text(k, "indicator")), REL, "entropy " + key);
                    assertClose(byYear.number(k, "divergence"), divergence.get(byYear.text(k, "indicator")), REL, "divergence " + key);
                }
            } else {
                JsonNode pooled = json.get("expected").get("pooled");
                pooled.get("weight").fields().forEachRemaining(e ->
                        assertClose(e.getValue().asDouble(), r.weights().get(e.getKey()), REL, "weight " + e.getKey()));
            }
        }
    }
}
