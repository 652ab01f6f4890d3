package io.panelflow.estimation.did;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.estimation.engine.Estimate;
import org.junit.jupiter.api.Test;

import static io.panelflow.estimation.did.DidReference.close;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** E1 (c): Sun–Abraham cohort × period coefficients, event-time aggregates and ATT (fixest sunab). */
class SunAbrahamReferenceTest {

    @Test
    void cellsEventTimesAndAtt() {
        JsonNode c = DidReference.expected().get("c_sun_abraham");
        SunAbrahamResult r = SunAbraham.estimate(DidReference.panel(), "lemp", "first.treat");
        Estimate e = r.estimate();
        assertEquals(c.get("n_obs").asInt(), e.nobs());
        assertEquals(c.get("dof_K_cluster").asInt(), ((Number) e.diagnostics().get("dofK")).intValue());
        assertEquals(c.get("n_clusters").asInt(), e.clusterCounts()[0]);
        assertEquals(c.get("t_df").asInt(), e.dfResidual());

        JsonNode cells = c.get("cohort_period_coefficients");
        assertEquals(cells.size(), r.cohortPeriod().size(), "cells");
        for (int k = 0; k < cells.size(); k++) {
            JsonNode x = cells.get(k);
            CohortPeriodEstimate a = r.cohortPeriod().get(k);
            String what = "cell " + x.get("cohort").asInt() + "/" + x.get("rel_time").asInt();
            assertEquals(x.get("cohort").asInt(), a.cohort(), what);
            assertEquals(x.get("rel_time").asInt(), a.eventTime(), what);
            assertEquals(x.get("n_obs_cell").asInt(), a.observations(), what + " n");
            close(x.get("estimate"), a.estimate(), what);
            close(x.get("se"), a.stdError(), what + " se");
            close(x.get("t"), a.statistic(), what + " t");
            close(x.get("p"), a.pValue(), what + " p");
        }
        JsonNode events = c.get("event_time_coefficients");
        assertEquals(events.size(), r.eventTimes().size(), "event times");
        for (int k = 0; k < events.size(); k++) {
            JsonNode x = events.get(k);
            EventTimeEstimate a = r.eventTimes().get(k);
            String what = "event time " + x.get("rel_time").asInt();
            assertEquals(x.get("rel_time").asInt(), a.eventTime(), what);
            close(x.get("estimate"), a.estimate(), what);
            close(x.get("se"), a.stdError(), what + " se");
            close(x.get("t"), a.statistic(), what + " t");
            close(x.get("p"), a.pValue(), what + " p");
        }
        JsonNode att = c.get("att");
        close(att.get("estimate"), r.att().estimate(), "ATT");
        close(att.get("se"), r.att().stdError(), "ATT se");
        close(att.get("t"), r.att().statistic(), "ATT t");
        close(att.get("p"), r.att().pValue(), "ATT p");

        // cross-check of the case: post cells equal the Callaway-Sant'Anna ATT(g, t) (never-treated, balanced)
        CallawaySantAnnaResult cs = CallawaySantAnna.estimate(StaggeredPanel.of(DidReference.panel(), "lemp",
                "first.treat"));
        int matched = 0;
        for (CohortPeriodEstimate a : r.cohortPeriod()) {
            for (GroupTimeAtt g : cs.attGt()) {
                if (a.eventTime() >= 0 && g.group() == a.cohort() && g.time() == a.cohort() + a.eventTime()) {
                    close(g.att(), a.estimate(), 1e-9, "SA cell vs CS " + a.cohort() + "/" + a.eventTime());
                    matched++;
                }
            }
        }
        int post = 0;
        for (JsonNode x : cells) {
            post += x.get("rel_time").asInt() >= 0 ? 1 : 0;
        }
        assertEquals(post, matched, "post cells matched");
    }
}
