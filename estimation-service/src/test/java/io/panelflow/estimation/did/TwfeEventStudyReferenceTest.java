package io.panelflow.estimation.did;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.estimation.engine.Estimate;
import io.panelflow.frame.PanelFrame;
import io.panelflow.model.spec.VcovSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.panelflow.estimation.did.DidReference.close;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** E1 (a) static TWFE and (b) TWFE event study on mpdta, clustered by county. */
class TwfeEventStudyReferenceTest {

    @Test
    void staticTwfeWithNestedAndFullFixedEffectCounts() {
        JsonNode a = DidReference.expected().get("a_static_twfe");
        PanelFrame panel = DidReference.panel();
        for (String key : new String[]{"cluster_countyreal", "cluster_countyreal_fixefK_full"}) {
            JsonNode v = a.get("vcov").get(key);
            VcovSpec spec = new VcovSpec("cluster", List.of("countyreal"), null,
                    v.get("ssc").get("fixef.K").asText());
            Estimate e = TwfeEventStudy.staticTwfe(panel, "lemp", "first.treat", spec);
            String what = "E1a " + key;
            assertEquals(a.get("n_obs").asInt(), e.nobs(), what + " nobs");
            assertEquals(a.get("fixed_effect_sizes").get("countyreal").asInt(), e.fixedEffectLevels()[0], what);
            assertEquals(a.get("fixed_effect_sizes").get("year").asInt(), e.fixedEffectLevels()[1], what);
            assertEquals(a.get("n_params_K_full").asInt(), e.kFull(), what + " K full");
            assertEquals(a.get("residual_df_iid").asInt(), e.nobs() - e.kFull(), what + " residual df");
            int j = e.indexOf(TwfeEventStudy.TREAT_POST);
            close(a.get("coefficients").get("treat_post"), e.coefficients()[j], what + " coef");
            close(a.get("rss"), e.rss(), what + " rss");
            close(a.get("tss"), e.tss(), what + " tss");
            close(a.get("rss_fixef_only"), e.tssWithin(), what + " rss fixef only");
            close(a.get("sigma"), ((Number) e.diagnostics().get("sigma")).doubleValue(), what + " sigma");
            close(a.get("r2"), e.r2(), what + " r2");
            close(a.get("adj_r2"), e.adjR2(), what + " adj r2");
            close(a.get("within_r2"), e.r2Within(), what + " within r2");
            close(a.get("within_adj_r2"), e.adjR2Within(), what + " within adj r2");
            assertEquals(v.get("dof_K").asInt(), ((Number) e.diagnostics().get("dofK")).intValue(), what + " K");
            assertEquals(v.get("n_clusters").asInt(), e.clusterCounts()[0], what + " G");
            assertEquals(v.get("t_df").asInt(), e.dfResidual(), what + " t df");
            close(v.get("small_sample_factor"), ((Number) e.diagnostics().get("smallSampleFactor")).doubleValue(),
                    what + " small-sample factor");
            close(v.get("se").get("treat_post"), e.stdErrors()[j], what + " se");
            close(v.get("t").get("treat_post"), e.statistics()[j], what + " t");
            close(v.get("p").get("treat_post"), e.pValues()[j], what + " p");
        }
    }

    @Test
    void eventStudyCoefficientsByRelativePeriod() {
        JsonNode b = DidReference.expected().get("b_twfe_event_study");
        EventStudy es = TwfeEventStudy.eventStudy(DidReference.panel(), "lemp", "first.treat", null);
        Estimate e = es.estimate();
        assertEquals(b.get("n_obs").asInt(), e.nobs());
        assertEquals(b.get("dof_K_cluster").asInt(), ((Number) e.diagnostics().get("dofK")).intValue());
        assertEquals(b.get("n_clusters").asInt(), e.clusterCounts()[0]);
        assertEquals(b.get("t_df").asInt(), e.dfResidual());
        JsonNode expected = b.get("coefficients");
        assertEquals(expected.size(), es.coefficients().size(), "relative periods");
        for (int k = 0; k < expected.size(); k++) {
            JsonNode x = expected.get(k);
            EventTimeEstimate c = es.coefficients().get(k);
            String what = "E1b rel_time " + x.get("rel_time").asInt();
            assertEquals(x.get("rel_time").asInt(), c.eventTime(), what);
            close(x.get("estimate"), c.estimate(), what + " estimate");
            close(x.get("se"), c.stdError(), what + " se");
            close(x.get("t"), c.statistic(), what + " t");
            close(x.get("p"), c.pValue(), what + " p");
        }
    }
}
