package io.panelflow.estimation.did;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static io.panelflow.estimation.did.DidReference.close;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** E1 (d): Callaway–Sant'Anna ATT(g, t), simple and dynamic aggregation, Wald pre-test (did 2.1.2). */
class CallawaySantAnnaReferenceTest {

    @Test
    void groupTimeEffectsAggregationsAndPreTest() {
        JsonNode d = DidReference.expected().get("d_callaway_santanna");
        StaggeredPanel panel = StaggeredPanel.of(DidReference.panel(), "lemp", "first.treat");
        CallawaySantAnnaResult r = CallawaySantAnna.estimate(panel);

        JsonNode settings = d.get("settings");
        assertEquals(settings.get("n_units").asInt(), r.units());
        for (int k = 0; k < settings.get("periods").size(); k++) {
            assertEquals(settings.get("periods").get(k).asInt(), r.periods()[k], "period " + k);
        }
        assertEquals(settings.get("groups").size(), r.groups().length);
        for (int k = 0; k < r.groups().length; k++) {
            int g = settings.get("groups").get(k).asInt();
            assertEquals(g, r.groups()[k], "group " + k);
            assertEquals(settings.get("n_units_per_group").get(String.valueOf(g)).asInt(), r.groupSizes()[k]);
        }
        assertEquals(settings.get("n_units_per_group").get("0").asInt(), r.neverTreated());

        JsonNode cells = d.get("att_gt");
        assertEquals(cells.size(), r.attGt().size(), "cells");
        for (int k = 0; k < cells.size(); k++) {
            JsonNode x = cells.get(k);
            GroupTimeAtt c = r.attGt().get(k);
            String what = "ATT(" + x.get("group").asInt() + "," + x.get("time").asInt() + ")";
            assertEquals(x.get("group").asInt(), c.group(), what);
            assertEquals(x.get("time").asInt(), c.time(), what);
            assertEquals(x.get("base_period").asInt(), c.basePeriod(), what + " base");
            assertEquals(x.get("post").asInt() == 1, c.post(), what + " post");
            close(x.get("att"), c.att(), what);
            close(x.get("se"), c.stdError(), what + " se");
        }

        JsonNode s = d.get("simple");
        AggregateEstimate simple = r.simple();
        close(s.get("att"), simple.estimate(), "simple att");
        close(s.get("se"), simple.stdError(), "simple se");
        close(s.get("ci95_lower"), simple.confLow(), "simple ci low");
        close(s.get("ci95_upper"), simple.confHigh(), "simple ci high");

        JsonNode dy = d.get("dynamic");
        DynamicAggregation dynamic = r.dynamic();
        close(dy.get("overall_att"), dynamic.overall().estimate(), "dynamic overall");
        close(dy.get("overall_se"), dynamic.overall().stdError(), "dynamic overall se");
        close(dy.get("overall_ci95_lower"), dynamic.overall().confLow(), "dynamic ci low");
        close(dy.get("overall_ci95_upper"), dynamic.overall().confHigh(), "dynamic ci high");
        JsonNode events = dy.get("event_time");
        assertEquals(events.size(), dynamic.eventTimes().size(), "event times");
        for (int k = 0; k < events.size(); k++) {
            JsonNode x = events.get(k);
            EventTimeEstimate e = dynamic.eventTimes().get(k);
            String what = "dynamic e=" + x.get("event_time").asInt();
            assertEquals(x.get("event_time").asInt(), e.eventTime(), what);
            close(x.get("att"), e.estimate(), what);
            close(x.get("se"), e.stdError(), what + " se");
        }

        JsonNode w = d.get("pretest_wald");
        PreTrendTest pre = r.preTrendTest();
        close(w.get("W"), pre.statistic(), "pre-test W");
        assertEquals(w.get("df").asInt(), pre.df(), "pre-test df");
        close(w.get("p"), pre.pValue(), "pre-test p");
        assertEquals(w.get("did_reported_p_rounded_5dp").asDouble(), Math.round(pre.pValue() * 1e5) / 1e5, 0.0);
    }
}
