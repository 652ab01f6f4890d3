package io.panelflow.estimation.study;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.estimation.formula.ReferencePanels;
import io.panelflow.frame.PanelFrame;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.result.StudyResults;
import io.panelflow.model.spec.SpecReader;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.testing.SharedReference;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.panelflow.estimation.study.ReferenceAssertions.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code thresholds: 2} from the spec on T1 (balanced) and on T1 without a few rows (unbalanced). */
class ThresholdSpecTest {

    private static StudyResults run(PanelFrame panel, String extra) {
        StudySpec spec = SpecReader.read("""
                name: t1
                panel: {unit: id, time: year}
                threshold:
                  - {id: t, outcome: "sgpi / gdp", threshold: "log(gdp / pop)", regime: tech, controls: [ind, ser, pop],
                     trim: 0.05, bootstrap: 20, seed: 5, thresholds: 2%s}
                """.formatted(extra));
        return StudyRunner.run(panel, spec);
    }

    @SuppressWarnings("unchecked")
    @Test
    void doubleThresholdOnT1ListsBothSteps() {
        JsonNode expected = SharedReference.json("T1_china_threshold").get("expected");
        PanelFrame t1 = ReferencePanels.read("T1_china_threshold.csv", "id", "year");
        StudyResults r = run(t1, "");
        assertTrue(r.notes().isEmpty(), r.notes().toString());
        ModelResult m = r.models().get(0);
        List<Map<String, Object>> tests = (List<Map<String, Object>>) m.diagnostics().get("tests");
        assertEquals(2, tests.size());
        assertEquals("single vs none", tests.get(0).get("test"));
        assertEquals("double vs single", tests.get(1).get("test"));
        close(expected.get("F1").asDouble(), ((Number) tests.get(0).get("f")).doubleValue(), 1e-8, "F1");
        close(expected.get("gamma_hat").asDouble(), ((Number) tests.get(0).get("gamma")).doubleValue(), 1e-12, "gamma1");
        for (Map<String, Object> t : tests) {
            double p = ((Number) t.get("pValue")).doubleValue();
            assertTrue(p >= 0 && p <= 1, t.toString());
            assertEquals(20, t.get("replications"));
        }
        assertEquals(2, ((List<?>) m.diagnostics().get("gammas")).size());
        assertTrue(m.coefficient("tech_mid") != null, m.coefficients().toString());
        assertEquals(expected.get("n_obs").asInt(), m.nobs());
    }

    @SuppressWarnings("unchecked")
    @Test
    void unbalancedPanelIsEstimatedAndTheBootstrapIsExplained() {
        PanelFrame t1 = ReferencePanels.read("T1_china_threshold.csv", "id", "year");
        boolean[] keep = new boolean[t1.rows()];
        int[] years = t1.times();
        String[] units = t1.unitKeys();
        for (int i = 0; i < keep.length; i++) {
            keep[i] = !(units[i].equals("3") && years[i] < 2001);
        }
        PanelFrame unbalanced = t1.filter(keep);
        StudyResults r = run(unbalanced, "");
        assertTrue(r.notes().isEmpty(), r.notes().toString());
        ModelResult m = r.models().get(0);
        assertEquals(t1.rows() - 4, m.nobs());
        List<Map<String, Object>> tests = (List<Map<String, Object>>) m.diagnostics().get("tests");
        assertEquals(2, tests.size());
        assertTrue(tests.stream().noneMatch(t -> t.containsKey("pValue")), tests.toString());
        assertTrue(m.notes().stream().anyMatch(n -> n.contains("balanced")), m.notes().toString());
    }
}
