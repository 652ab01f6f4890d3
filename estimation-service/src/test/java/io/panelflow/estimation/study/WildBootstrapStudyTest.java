package io.panelflow.estimation.study;

import io.panelflow.estimation.bootstrap.BootstrapType;
import io.panelflow.estimation.bootstrap.WildBootstrapResult;
import io.panelflow.estimation.bootstrap.WildBootstrapSettings;
import io.panelflow.estimation.bootstrap.WildClusterBootstrap;
import io.panelflow.estimation.engine.EstimationOptions;
import io.panelflow.estimation.formula.ModelFrame;
import io.panelflow.estimation.formula.ModelFrameBuilder;
import io.panelflow.frame.Column;
import io.panelflow.frame.PanelFrame;
import io.panelflow.frame.formula.Formula;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.result.StudyResults;
import io.panelflow.model.spec.ModelSpec;
import io.panelflow.model.spec.PanelSpec;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.model.spec.VcovSpec;
import io.panelflow.model.spec.WildBootstrapSpec;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WildBootstrapStudyTest {
    private static final VcovSpec BY_PROVINCE = new VcovSpec("cluster", List.of("province"), null, null);

    /** 12 provinces over 2001-2010 with province-level shocks in x and in the error; w instruments x. */
    private static PanelFrame panel() {
        Random rnd = new Random(20080601);
        int units = 12;
        int years = 10;
        int n = units * years;
        String[] unit = new String[n];
        double[] year = new double[n];
        double[] x = new double[n];
        double[] z = new double[n];
        double[] w = new double[n];
        double[] y = new double[n];
        for (int u = 0, i = 0; u < units; u++) {
            double shockX = rnd.nextGaussian();
            double shockE = rnd.nextGaussian();
            for (int t = 0; t < years; t++, i++) {
                unit[i] = "P" + u;
                year[i] = 2001 + t;
                w[i] = rnd.nextGaussian();
                x[i] = 0.8 * w[i] + 0.5 * shockX * t / years + 0.5 * rnd.nextGaussian();
                z[i] = rnd.nextGaussian();
                y[i] = 0.15 * x[i] + 0.3 * z[i] + 0.2 * u + 0.05 * t + shockE * 0.4 * t / years + rnd.nextGaussian();
            }
        }
        Map<String, Column> c = new LinkedHashMap<>();
        c.put("province", new Column.Text(unit));
        c.put("year", new Column.Numeric(year));
        c.put("x", new Column.Numeric(x));
        c.put("z", new Column.Numeric(z));
        c.put("w", new Column.Numeric(w));
        c.put("y", new Column.Numeric(y));
        return new PanelFrame("province", "year", null, c);
    }

    private static StudySpec spec(List<ModelSpec> models) {
        return new StudySpec("wild-bootstrap-test", null, new PanelSpec("province", "year", null, null), null, null, null,
                null, null, models, null, null, null, null, null, null, null);
    }

    private static ModelResult result(StudyResults r, String id) {
        return r.models().stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no result " + id + "; notes " + r.notes()));
    }

    /** The bootstrap called directly on the design the model frame builder gives for the formula. */
    private static WildBootstrapResult direct(PanelFrame p, String formula, BootstrapType type, int draws, long seed) {
        ModelFrame frame = new ModelFrameBuilder(p).build(Formula.parse(formula), BY_PROVINCE, null, null);
        return WildClusterBootstrap.prepare(frame.design(), frame.vcov(), EstimationOptions.DEFAULT)
                .test("x", 0.0, type, WildBootstrapSettings.DEFAULT.withDraws(draws).withSeed(seed));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> wild(ModelResult m) {
        return (Map<String, Object>) m.diagnostics().get("wildBootstrap");
    }

    @Test
    void everyColumnGetsTheBootstrapOfItsFirstRegressor() {
        PanelFrame p = panel();
        StudyResults r = StudyRunner.run(p, spec(List.of(
                new ModelSpec("wcr", null, "y ~ x + z | province + year", BY_PROVINCE, true, null, null,
                        new WildBootstrapSpec(9999, 1, null)),
                new ModelSpec("wcu", null, "y ~ x + z | province + year", BY_PROVINCE, false, null, null,
                        new WildBootstrapSpec(500, 7, "unrestricted")),
                new ModelSpec("plain", null, "y ~ x + z | province + year", BY_PROVINCE, false, null, null, null))));

        WildBootstrapResult full = direct(p, "y ~ x + z | province + year", BootstrapType.RESTRICTED, 9999, 1);
        WildBootstrapResult first = direct(p, "y ~ x | province + year", BootstrapType.RESTRICTED, 9999, 1);
        assertTrue(full.enumerated());
        assertEquals(4096, full.drawCount());

        Map<String, Object> col2 = wild(result(r, "wcr/2"));
        assertEquals("x", col2.get("term"));
        assertEquals("WCR", col2.get("type"));
        assertEquals(4096, col2.get("draws"));
        assertEquals(true, col2.get("enumerated"));
        assertEquals(1L, col2.get("seed"));
        assertEquals(full.pValue(), (double) col2.get("pValue"), 0.0);
        assertEquals(full.statistic(), (double) col2.get("t"), 1e-12);
        assertEquals(result(r, "wcr/2").coefficient("x").statistic(), (double) col2.get("t"), 1e-10,
                "the bootstrap's t is the model's cluster t");
        assertEquals(first.pValue(), (double) wild(result(r, "wcr/1")).get("pValue"), 0.0);
        assertNotEquals(full.pValue(), first.pValue(), "the columns are tested on their own designs");
        assertTrue(result(r, "wcr/2").notes().stream().anyMatch(s -> s.startsWith("Wild cluster bootstrap-t of x")
                && s.contains("WCR, Rademacher, all 2^12 = 4096 sign vectors enumerated")), result(r, "wcr/2").notes().toString());

        // 2^12 > 500: random draws, seeded
        WildBootstrapResult wcu = direct(p, "y ~ x + z | province + year", BootstrapType.UNRESTRICTED, 500, 7);
        Map<String, Object> u = wild(result(r, "wcu"));
        assertFalse(wcu.enumerated());
        assertEquals("WCU", u.get("type"));
        assertEquals(500, u.get("draws"));
        assertEquals(false, u.get("enumerated"));
        assertEquals(wcu.pValue(), (double) u.get("pValue"), 0.0);
        assertTrue(result(r, "wcu").notes().stream().anyMatch(s -> s.contains("(WCU, Rademacher, 500 draws, seed 7;")),
                result(r, "wcu").notes().toString());

        assertNull(result(r, "plain").diagnostics().get("wildBootstrap"));
        assertTrue(result(r, "plain").notes().stream().noneMatch(s -> s.contains("ild cluster bootstrap")));
    }

    @Test
    void whereTheBootstrapDoesNotApplyTheModelCarriesANoteInstead() {
        StudyResults r = StudyRunner.run(panel(), spec(List.of(
                new ModelSpec("iv", null, "y ~ z | province + year | x ~ w", BY_PROVINCE, false, null, null,
                        new WildBootstrapSpec(999, 1, null)),
                new ModelSpec("hetero", null, "y ~ x + z | province + year", new VcovSpec("hetero", List.of(), null, null),
                        false, null, null, new WildBootstrapSpec(999, 1, null)))));
        ModelResult iv = result(r, "iv");
        assertEquals("iv", iv.group());
        assertNull(iv.diagnostics().get("wildBootstrap"));
        assertTrue(iv.notes().stream().anyMatch(s -> s.startsWith("Wild cluster bootstrap (WCR) not run")
                && s.contains("does not apply") && s.contains("instruments")), iv.notes().toString());
        assertTrue(Double.isFinite(iv.coefficient("fit_x") != null ? iv.coefficient("fit_x").estimate()
                : iv.coefficients().get(0).estimate()), "the IV model itself is estimated");

        ModelResult hetero = result(r, "hetero");
        assertNull(hetero.diagnostics().get("wildBootstrap"));
        assertTrue(hetero.notes().stream().anyMatch(s -> s.contains("does not apply")
                && s.contains("clustered on exactly one dimension")), hetero.notes().toString());
    }
}
