package io.panelflow.estimation.study;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.estimation.formula.ReferencePanels;
import io.panelflow.frame.PanelFrame;
import io.panelflow.model.result.Coefficient;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.result.StudyResults;
import io.panelflow.model.spec.SpecReader;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.testing.SharedReference;
import org.junit.jupiter.api.Test;

import static io.panelflow.estimation.study.ReferenceAssertions.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * D1 through the spec: {@code fold-column: fold} (overriding folds and seed), no within transformation, OLS and
 * lasso learners, θ, SE, CI and the DML1 / RMSE diagnostics against the case at relative 1e-8; the same with
 * {@code vcov: {cluster: id}} (one row per cluster, equal folds: the same SE); and {@code repeats} on random folds.
 */
class DmlSpecReferenceTest {
    static final double REL = 1e-8;

    private static StudyResults run(String dml) {
        StudySpec spec = SpecReader.read("""
                name: d1
                panel: {unit: id, time: fold}
                dml:
                %s
                """.formatted(dml));
        PanelFrame d1 = ReferencePanels.read("D1_dml_plr_simulated.csv", "id", "fold");
        return StudyRunner.run(d1, spec);
    }

    private static String controls(JsonNode generator) {
        StringBuilder b = new StringBuilder("[");
        for (int j = 1; j <= generator.get("p").asInt(); j++) {
            b.append(j > 1 ? ", " : "").append('x').append(j);
        }
        return b.append(']').toString();
    }

    private static ModelResult result(StudyResults r, String id) {
        return r.models().stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no result " + id + "; notes: " + r.notes()));
    }

    private static void matches(JsonNode e, ModelResult m, String what) {
        Coefficient c = m.coefficient("d");
        close(e.get("theta").asDouble(), c.estimate(), REL, what + " theta");
        close(e.get("se").asDouble(), c.stdError(), REL, what + " se");
        close(e.get("t").asDouble(), c.statistic(), REL, what + " t");
        close(e.get("p").asDouble(), c.pValue(), 1e-6, what + " p");
        close(e.get("ci95_lower").asDouble(), c.confLow(), REL, what + " ci low");
        close(e.get("ci95_upper").asDouble(), c.confHigh(), REL, what + " ci high");
    }

    @Test
    void d1WithItsFoldColumnThroughTheSpec() {
        JsonNode json = SharedReference.json("D1_dml_plr_simulated");
        JsonNode expected = json.get("expected");
        String x = controls(json.get("spec").get("generator"));
        double lambda = expected.get("ii_lasso").get("lambda").asDouble();
        StudyResults r = run("""
                  - {id: ols, outcome: y, treatment: d, controls: %s, learner: ols, fold-column: fold, folds: 3, seed: 99, fixed-effects: none}
                  - {id: lasso, outcome: y, treatment: d, controls: %s, learner: lasso, lambda: %s, fold-column: fold, fixed-effects: none}
                  - {id: ols-cluster, outcome: y, treatment: d, controls: %s, learner: ols, fold-column: fold, fixed-effects: none, vcov: {cluster: id}}
                """.formatted(x, x, lambda, x));
        assertTrue(r.notes().isEmpty(), r.notes().toString());
        int n = json.get("spec").get("generator").get("n").asInt();
        for (String id : new String[]{"ols", "lasso", "ols-cluster"}) {
            JsonNode e = expected.get(id.equals("lasso") ? "ii_lasso" : "i_ols");
            ModelResult m = result(r, "dml/" + id);
            matches(e, m, id);
            assertEquals(n, m.nobs());
            assertEquals("column fold", m.diagnostics().get("foldsBy"));
            assertEquals(5, m.diagnostics().get("folds"), "the column's folds, not the spec's folds: 3");
        }
        for (String id : new String[]{"ols", "lasso"}) {
            JsonNode e = expected.get(id.equals("lasso") ? "ii_lasso" : "i_ols");
            ModelResult m = result(r, "dml/" + id);
            close(e.get("theta_dml1").asDouble(), ((Number) m.diagnostics().get("thetaDml1")).doubleValue(), REL, id + " DML1");
            close(e.get("rmse_l").asDouble(), ((Number) m.diagnostics().get("rmseOutcome")).doubleValue(), REL, id + " rmse l");
            close(e.get("rmse_m").asDouble(), ((Number) m.diagnostics().get("rmseTreatment")).doubleValue(), REL, id + " rmse m");
            assertEquals("hetero", m.vcov().type());
        }
        ModelResult clustered = result(r, "dml/ols-cluster");
        assertEquals("cluster", clustered.vcov().type());
        assertEquals(n, clustered.diagnostics().get("clusters"));
    }

    @Test
    void repeatedRandomFoldsAggregateByTheMedian() {
        JsonNode json = SharedReference.json("D1_dml_plr_simulated");
        String x = controls(json.get("spec").get("generator"));
        StudyResults r = run("""
                  - {id: once, outcome: y, treatment: d, controls: %s, learner: ols, by: row, seed: 3, fixed-effects: none}
                  - {id: five, outcome: y, treatment: d, controls: %s, learner: ols, by: row, seed: 3, repeats: 5, fixed-effects: none}
                """.formatted(x, x));
        assertTrue(r.notes().isEmpty(), r.notes().toString());
        ModelResult once = result(r, "dml/once");
        ModelResult five = result(r, "dml/five");
        double[] thetas = (double[]) five.diagnostics().get("thetaRepetitions");
        double[] ses = (double[]) five.diagnostics().get("seRepetitions");
        assertEquals(5, thetas.length);
        assertEquals(once.coefficient("d").estimate(), thetas[0], 0.0, "the first repetition is the single split");
        assertEquals(once.coefficient("d").stdError(), ses[0], 0.0);
        double[] sorted = thetas.clone();
        java.util.Arrays.sort(sorted);
        assertEquals(sorted[2], five.coefficient("d").estimate(), 0.0);
        int n = five.nobs();
        double[] v = new double[5];
        for (int k = 0; k < 5; k++) {
            v[k] = n * ses[k] * ses[k] + (thetas[k] - sorted[2]) * (thetas[k] - sorted[2]);
        }
        java.util.Arrays.sort(v);
        close(Math.sqrt(v[2] / n), five.coefficient("d").stdError(), 1e-14, "aggregated se");
        assertTrue(five.notes().stream().anyMatch(s -> s.contains("median")), five.notes().toString());
    }
}
