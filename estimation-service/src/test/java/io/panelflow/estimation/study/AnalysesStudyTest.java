package io.panelflow.estimation.study;

import io.panelflow.frame.Column;
import io.panelflow.frame.PanelFrame;
import io.panelflow.model.result.Coefficient;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.result.StudyResults;
import io.panelflow.model.spec.DidSpec;
import io.panelflow.model.spec.DmlSpec;
import io.panelflow.model.spec.PanelSpec;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.model.spec.ThresholdSpec;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The did, threshold and dml sections of a spec run through {@link StudyRunner} on panels with known effects. */
class AnalysesStudyTest {
    private static final int UNITS = 40;
    private static final int YEARS = 10;

    /**
     * 40 units over 2011-2020; adoption 2014 / 2016 / 2018 / never for units 0-9 / 10-19 / 20-29 / 30-39
     * (never coded as missing for the last block but one unit with 0); y = unit + year effects + 0.5 from adoption
     * on + 0.3 c + noise; threshold outcome w = 1.0 x (q ≤ 0) or 2.0 x (q > 0) + 0.3 c + unit effect + noise;
     * dml outcome v = 0.7 d + sin-free linear g(c, e) + noise with d depending on c.
     */
    private static PanelFrame panel() {
        Random rnd = new Random(5);
        int n = UNITS * YEARS;
        String[] unit = new String[n];
        double[] year = new double[n];
        double[] adoption = new double[n];
        double[] c = new double[n];
        double[] e = new double[n];
        double[] y = new double[n];
        double[] q = new double[n];
        double[] x = new double[n];
        double[] w = new double[n];
        double[] d = new double[n];
        double[] v = new double[n];
        double[] alphaOf = new double[n];
        for (int u = 0, i = 0; u < UNITS; u++) {
            double a = u < 10 ? 2014 : u < 20 ? 2016 : u < 30 ? 2018 : (u == 30 ? 0 : Double.NaN);
            double alpha = rnd.nextGaussian();
            for (int t = 0; t < YEARS; t++, i++) {
                unit[i] = "U" + u;
                alphaOf[i] = alpha;
                year[i] = 2011 + t;
                adoption[i] = a;
                c[i] = rnd.nextGaussian();
                e[i] = rnd.nextGaussian();
                boolean treated = Double.isFinite(a) && a > 0 && year[i] >= a;
                y[i] = alpha + 0.1 * t + (treated ? 0.5 : 0) + 0.3 * c[i] + 0.1 * rnd.nextGaussian();
                q[i] = rnd.nextGaussian();
                x[i] = rnd.nextGaussian();
                w[i] = alpha + (q[i] <= 0 ? 1.0 : 2.0) * x[i] + 0.3 * c[i] + 0.2 * rnd.nextGaussian();
                d[i] = 0.8 * c[i] - 0.5 * e[i] + rnd.nextGaussian();
                v[i] = 0.7 * d[i] + 1.5 * c[i] + 1.0 * e[i] + 0.5 * rnd.nextGaussian();
            }
        }
        // a treatment and outcome both driven by the unit effect: only a within transformation recovers 0.7
        Random extra = new Random(11);
        double[] fd = new double[n];
        double[] fv = new double[n];
        for (int i = 0; i < n; i++) {
            fd[i] = d[i] + 2 * alphaOf[i];
            fv[i] = 0.7 * fd[i] + 1.5 * c[i] + 3 * alphaOf[i] + 0.05 * (year[i] - 2011) + 0.5 * extra.nextGaussian();
        }
        Map<String, Column> cols = new LinkedHashMap<>();
        cols.put("fd", new Column.Numeric(fd));
        cols.put("fv", new Column.Numeric(fv));
        cols.put("unit", new Column.Text(unit));
        cols.put("year", new Column.Numeric(year));
        cols.put("adopt", new Column.Numeric(adoption));
        cols.put("c", new Column.Numeric(c));
        cols.put("e", new Column.Numeric(e));
        cols.put("y", new Column.Numeric(y));
        cols.put("q", new Column.Numeric(q));
        cols.put("x", new Column.Numeric(x));
        cols.put("w", new Column.Numeric(w));
        cols.put("d", new Column.Numeric(d));
        cols.put("v", new Column.Numeric(v));
        return new PanelFrame("unit", "year", null, cols);
    }

    private static StudySpec spec(List<DidSpec> did, List<ThresholdSpec> threshold, List<DmlSpec> dml) {
        return new StudySpec("analyses", null, new PanelSpec("unit", "year", null, null), null, null, null, null, null,
                null, null, null, null, null, did, threshold, dml);
    }

    private static ModelResult model(StudyResults r, String id) {
        return r.models().stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no model " + id + "; notes " + r.notes()));
    }

    @Test
    void didRecoversTheEffectWithEveryMethod() {
        StudyResults r = StudyRunner.run(panel(), spec(List.of(new DidSpec("pilot", "y", "adopt", List.of("c"), null, null),
                new DidSpec("plain", "y", "adopt", List.of(), List.of("callaway-santanna"), null)), null, null));
        assertTrue(r.notes().isEmpty(), r.notes().toString());
        assertEquals(5, r.models().size());
        Coefficient twfe = model(r, "did/pilot/twfe").coefficient("treat_post");
        assertEquals(0.5, twfe.estimate(), 0.05);
        assertTrue(twfe.confLow() < 0.5 && 0.5 < twfe.confHigh());
        assertNotNull(model(r, "did/pilot/twfe").coefficient("c"), "controls enter the TWFE regression");

        ModelResult es = model(r, "did/pilot/event-study");
        assertEquals("did", es.group());
        assertEquals(0.5, es.coefficient("rel_time::0").estimate(), 0.1);
        assertEquals(0.5, es.coefficient("rel_time::3").estimate(), 0.1);
        assertEquals(0.0, es.coefficient("rel_time::-3").estimate(), 0.1);
        assertEquals(null, es.coefficient("rel_time::-1"), "the reference period is omitted");

        for (String m : List.of("sun-abraham", "callaway-santanna")) {
            ModelResult res = model(r, "did/pilot/" + m);
            // judged by the standard errors (c enters SA as a regressor, CS as a doubly robust covariate)
            Coefficient att = res.coefficient("ATT");
            assertEquals(0.5, att.estimate(), 3 * att.stdError(), m);
            assertTrue(att.stdError() < 0.15, m + " " + att);
            Coefficient post = res.coefficient("rel_time::1");
            assertEquals(0.5, post.estimate(), 3 * post.stdError(), m);
            Coefficient pre = res.coefficient("rel_time::-2");
            assertEquals(0.0, pre.estimate(), 3 * pre.stdError(), m);
        }
        @SuppressWarnings("unchecked")
        // the pre-test without covariates (with them, 10 units per cohort make the doubly robust SEs too small)
        Map<String, Object> pre = (Map<String, Object>) model(r, "did/plain/callaway-santanna").diagnostics().get("preTrendWald");
        assertTrue(((Number) pre.get("pValue")).doubleValue() > 0.001, "no pre-trend in the data: " + pre);
    }

    @Test
    void failingDidMethodGoesToTheNotes() {
        StudyResults r = StudyRunner.run(panel(), spec(List.of(new DidSpec("bad", "y", "nope", List.of(), List.of("twfe"), null)),
                null, null));
        assertTrue(r.models().isEmpty());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("did/bad") && n.contains("nope")), r.notes().toString());
    }

    @Test
    void thresholdIsFoundNearTheTrueValue() {
        StudyResults r = StudyRunner.run(panel(), spec(null,
                List.of(new ThresholdSpec("q", "w", "q", "x", List.of("c"), 0.05, 100, 1, 0.95)), null));
        assertTrue(r.notes().isEmpty(), r.notes().toString());
        ModelResult m = model(r, "threshold/q");
        assertEquals("threshold", m.group());
        double gamma = ((Number) m.diagnostics().get("gamma")).doubleValue();
        assertEquals(0.0, gamma, 0.1);
        assertEquals(1.0, m.coefficient("x_low").estimate(), 0.1);
        assertEquals(2.0, m.coefficient("x_high").estimate(), 0.1);
        assertEquals(0.3, m.coefficient("c").estimate(), 0.1);
        assertTrue(((Number) m.diagnostics().get("f1")).doubleValue() > 50);
        assertEquals(0.0, ((Number) m.diagnostics().get("bootstrapPValue")).doubleValue(), 1e-12);
        @SuppressWarnings("unchecked")
        Map<String, Object> set = (Map<String, Object>) m.diagnostics().get("lrConfidenceSet");
        assertTrue(((Number) set.get("lower")).doubleValue() <= gamma && gamma <= ((Number) set.get("upper")).doubleValue());
    }

    @Test
    void thresholdWithoutSignalHasALargeBootstrapPValue() {
        StudyResults r = StudyRunner.run(panel(), spec(null,
                List.of(new ThresholdSpec("none", "y", "q", "c", List.of(), 0.05, 100, 3, 0.95)), null));
        double p = ((Number) model(r, "threshold/none").diagnostics().get("bootstrapPValue")).doubleValue();
        assertTrue(p > 0.01, "p = " + p);
    }

    @Test
    void dmlRecoversThetaWithLassoAndOls() {
        StudyResults r = StudyRunner.run(panel(), spec(null, null, List.of(
                new DmlSpec("lasso", "v", "d", List.of("c", "e", "q", "x"), "lasso", 0.01, 5, 1, null, "none"),
                new DmlSpec("ols", "v", "d", List.of("c", "e"), "ols", null, 4, 2, "row", "none"))));
        assertTrue(r.notes().isEmpty(), r.notes().toString());
        for (String id : List.of("dml/lasso", "dml/ols")) {
            ModelResult m = model(r, id);
            assertEquals("dml", m.group());
            Coefficient theta = m.coefficient("d");
            assertEquals(0.7, theta.estimate(), 0.1, id);
            assertTrue(theta.confLow() < 0.7 && 0.7 < theta.confHigh(), id + " " + theta);
        }
        assertEquals("lasso(0.01)".substring(0, 5), model(r, "dml/lasso").diagnostics().get("learner").toString().substring(0, 5));
        assertEquals(4, model(r, "dml/ols").diagnostics().get("folds"));
    }

    @Test
    void dmlWithTheTwoWayWithinTransformationRemovesAConfoundingUnitEffect() {
        StudyResults r = StudyRunner.run(panel(), spec(null, null, List.of(
                new DmlSpec("within", "fv", "fd", List.of("c", "e"), "ols", null, 5, 1, null, null),
                new DmlSpec("pooled", "fv", "fd", List.of("c", "e"), "ols", null, 5, 1, null, "none"))));
        assertTrue(r.notes().isEmpty(), r.notes().toString());
        Coefficient within = model(r, "dml/within").coefficient("fd");
        assertEquals("two-way", model(r, "dml/within").diagnostics().get("fixedEffects"));
        assertTrue(within.confLow() < 0.7 && 0.7 < within.confHigh(), "two-way DML covers 0.7: " + within);
        Coefficient pooled = model(r, "dml/pooled").coefficient("fd");
        assertTrue(pooled.confLow() > 0.7, "without the within transformation the unit effect biases theta up: " + pooled);
    }

    @Test
    void foldsAreSeededAndKeepUnitsTogether() {
        int[] unit = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4};
        int[] a = DmlAnalysis.folds(unit, 5, 2, 9);
        int[] b = DmlAnalysis.folds(unit, 5, 2, 9);
        assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
        for (int i = 0; i < unit.length; i += 2) {
            assertEquals(a[i], a[i + 1]);
        }
        assertEquals(2, java.util.Arrays.stream(a).distinct().count());
    }
}
