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

import java.util.List;
import java.util.Map;

import static io.panelflow.estimation.study.ReferenceAssertions.P_VALUE;
import static io.panelflow.estimation.study.ReferenceAssertions.TIGHT;
import static io.panelflow.estimation.study.ReferenceAssertions.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * E1 (mpdta) from a spec's {@code did} section through {@link StudyRunner}: every ATT(g, t) with its SE, every
 * Sun–Abraham cohort × period coefficient with SE, t, p and cell count, the aggregates, the static TWFE and its
 * Goodman-Bacon identity, and the placebo test's true estimate.
 */
class DidStudyReferenceTest {

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(ModelResult m, String key) {
        Object v = m.diagnostics().get(key);
        assertTrue(v instanceof List, m.id() + ": no list " + key);
        return (List<Map<String, Object>>) v;
    }

    private static double num(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).doubleValue();
    }

    private static ModelResult result(StudyResults r, String id) {
        return r.models().stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no result " + id + "; notes: " + r.notes()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void e1ThroughTheSpec() {
        JsonNode expected = SharedReference.json("E1_mpdta_staggered_did").get("expected");
        PanelFrame mpdta = ReferencePanels.read("E1_mpdta_staggered_did.csv", "countyreal", "year");
        StudySpec spec = SpecReader.read("""
                name: e1
                panel: {unit: countyreal, time: year}
                did:
                  - {id: mw, outcome: lemp, adoption: first.treat, control-group: never-treated,
                     placebo: {permutations: 25, seed: 7}}
                """);
        StudyResults r = StudyRunner.run(mpdta, spec);
        assertTrue(r.notes().isEmpty(), r.notes().toString());

        // Callaway–Sant'Anna: every ATT(g, t)
        ModelResult cs = result(r, "did/mw/callaway-santanna");
        JsonNode d = expected.get("d_callaway_santanna");
        List<Map<String, Object>> cells = rows(cs, "attGt");
        JsonNode att = d.get("att_gt");
        assertEquals(att.size(), cells.size());
        for (int k = 0; k < att.size(); k++) {
            JsonNode x = att.get(k);
            Map<String, Object> c = cells.get(k);
            String what = "ATT(" + x.get("group").asInt() + "," + x.get("time").asInt() + ")";
            assertEquals(x.get("group").asInt(), c.get("group"), what);
            assertEquals(x.get("time").asInt(), c.get("time"), what);
            assertEquals(x.get("base_period").asInt(), c.get("basePeriod"), what);
            assertEquals(x.get("post").asInt() == 1, c.get("post"), what);
            close(x.get("att").asDouble(), num(c, "att"), TIGHT, what);
            close(x.get("se").asDouble(), num(c, "stdError"), TIGHT, what + " se");
            assertEquals(d.get("settings").get("n_units_per_group").get("0").asInt(), c.get("controlUnits"), what);
        }
        assertEquals("never-treated", cs.diagnostics().get("controlGroup"));
        close(d.get("simple").get("att").asDouble(), cs.coefficient("ATT").estimate(), TIGHT, "CS simple");
        close(d.get("simple").get("se").asDouble(), cs.coefficient("ATT").stdError(), TIGHT, "CS simple se");
        for (JsonNode e : d.get("dynamic").get("event_time")) {
            Coefficient c = cs.coefficient("rel_time::" + e.get("event_time").asInt());
            close(e.get("att").asDouble(), c.estimate(), TIGHT, "CS dynamic " + e.get("event_time"));
            close(e.get("se").asDouble(), c.stdError(), TIGHT, "CS dynamic se " + e.get("event_time"));
        }

        // Sun–Abraham: every cohort × relative-period coefficient
        ModelResult sa = result(r, "did/mw/sun-abraham");
        JsonNode c = expected.get("c_sun_abraham");
        List<Map<String, Object>> saCells = rows(sa, "cohortPeriod");
        JsonNode cp = c.get("cohort_period_coefficients");
        assertEquals(cp.size(), saCells.size());
        for (JsonNode x : cp) {
            Map<String, Object> row = saCells.stream().filter(m -> m.get("cohort").equals(x.get("cohort").asInt())
                    && m.get("relTime").equals(x.get("rel_time").asInt())).findFirst()
                    .orElseThrow(() -> new AssertionError("no SA cell " + x));
            String what = "SA cohort " + x.get("cohort") + " rel " + x.get("rel_time");
            close(x.get("estimate").asDouble(), num(row, "estimate"), TIGHT, what);
            close(x.get("se").asDouble(), num(row, "stdError"), TIGHT, what + " se");
            close(x.get("t").asDouble(), num(row, "statistic"), TIGHT, what + " t");
            close(x.get("p").asDouble(), num(row, "pValue"), P_VALUE, what + " p");
            assertEquals(x.get("n_obs_cell").asInt(), row.get("observations"), what + " n");
        }
        close(c.get("att").get("estimate").asDouble(), sa.coefficient("ATT").estimate(), TIGHT, "SA ATT");
        close(c.get("att").get("se").asDouble(), sa.coefficient("ATT").stdError(), TIGHT, "SA ATT se");

        // static TWFE, its Goodman-Bacon identity, the placebo test
        ModelResult twfe = result(r, "did/mw/twfe");
        JsonNode a = expected.get("a_static_twfe");
        double b = a.get("coefficients").get("treat_post").asDouble();
        close(b, twfe.coefficient("treat_post").estimate(), TIGHT, "TWFE");
        close(a.get("vcov").get("cluster_countyreal").get("se").get("treat_post").asDouble(),
                twfe.coefficient("treat_post").stdError(), TIGHT, "TWFE se");
        Map<String, Object> bacon = (Map<String, Object>) twfe.diagnostics().get("bacon");
        close(1.0, num(bacon, "weightSum"), 1e-12, "Bacon weights");
        close(b, num(bacon, "weightedSum"), TIGHT, "Bacon weighted sum");
        assertEquals(9, ((List<?>) bacon.get("comparisons")).size());
        assertEquals(3, ((List<?>) bacon.get("byType")).size());
        Map<String, Object> placebo = (Map<String, Object>) twfe.diagnostics().get("placebo");
        close(b, num(placebo, "estimate"), TIGHT, "placebo's true estimate");
        assertEquals(25, ((List<?>) placebo.get("estimates")).size());
        assertEquals(7L, ((Number) placebo.get("seed")).longValue());
        List<Double> draws = (List<Double>) placebo.get("estimates");
        long extreme = draws.stream().filter(v -> Math.abs(v) >= Math.abs(b)).count();
        assertEquals(extreme / 25.0, num(placebo, "pValue"), 0.0);
    }

    /** Controls reach Sun–Abraham (as regressors) and Callaway–Sant'Anna (doubly robust); not-yet-treated from the spec. */
    @Test
    void controlsAndNotYetTreatedFromTheSpec() {
        PanelFrame mpdta = ReferencePanels.read("E1_mpdta_staggered_did.csv", "countyreal", "year");
        StudySpec spec = SpecReader.read("""
                name: e1
                panel: {unit: countyreal, time: year}
                did:
                  - {id: x, outcome: lemp, adoption: first.treat, controls: [lpop], control-group: not-yet-treated,
                     methods: [sun-abraham, callaway-santanna]}
                  - {id: tv, outcome: lemp, adoption: first.treat, controls: ["I(lpop * (year - 2003))"], methods: [twfe]}
                """);
        StudyResults r = StudyRunner.run(mpdta, spec);
        assertTrue(r.notes().isEmpty(), r.notes().toString());
        ModelResult cs = result(r, "did/x/callaway-santanna");
        assertEquals("not-yet-treated", cs.diagnostics().get("controlGroup"));
        assertEquals(List.of("lpop"), cs.diagnostics().get("covariates"));
        // not-yet-treated: the 2004 cohort's cells in 2004 and 2005 also use the 2006 and 2007 cohorts (309 + 40 + 131)
        Map<String, Object> first = rows(cs, "attGt").get(0);
        assertEquals(480, first.get("controlUnits"));
        ModelResult sa = result(r, "did/x/sun-abraham");
        // lpop is time-invariant: absorbed by the county effects, so the engine drops it and SA's cells are unchanged
        JsonNode expected = SharedReference.json("E1_mpdta_staggered_did").get("expected").get("c_sun_abraham");
        close(expected.get("att").get("estimate").asDouble(), sa.coefficient("ATT").estimate(), TIGHT, "SA ATT with lpop");
        ModelResult twfe = result(r, "did/tv/twfe");
        assertTrue(twfe.coefficient("I(lpop * (year - 2003))") != null, twfe.coefficients().toString());
        assertTrue(twfe.notes().stream().anyMatch(n -> n.startsWith("No Goodman-Bacon decomposition")), twfe.notes().toString());
    }
}
