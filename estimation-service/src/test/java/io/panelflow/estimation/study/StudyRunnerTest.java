package io.panelflow.estimation.study;

import io.panelflow.frame.Column;
import io.panelflow.frame.PanelFrame;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.result.StudyResults;
import io.panelflow.model.spec.HeterogeneitySpec;
import io.panelflow.model.spec.MechanismSpec;
import io.panelflow.model.spec.ModelSpec;
import io.panelflow.model.spec.PanelSpec;
import io.panelflow.model.spec.RobustnessSpec;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.model.spec.VcovSpec;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.panelflow.estimation.study.ReferenceAssertions.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StudyRunnerTest {

    /** 12 provinces in 3 regions over 2001-2008, y = 0.5 x + 0.2 z + 0.1 x z + province and year effects + noise. */
    private static PanelFrame panel() {
        Random rnd = new Random(11);
        int n = 12 * 8;
        String[] unit = new String[n];
        String[] region = new String[n];
        double[] year = new double[n];
        double[] x = new double[n];
        double[] z = new double[n];
        double[] y = new double[n];
        double[] xPca = new double[n];
        for (int u = 0, i = 0; u < 12; u++) {
            for (int t = 0; t < 8; t++, i++) {
                unit[i] = "P" + u;
                region[i] = u < 4 ? "east" : u < 8 ? "central" : "west";
                year[i] = 2001 + t;
                x[i] = rnd.nextGaussian() + 0.1 * t;
                z[i] = rnd.nextGaussian();
                xPca[i] = 1.1 * x[i] + 0.05 * rnd.nextGaussian();
                y[i] = 0.5 * x[i] + 0.2 * z[i] + 0.1 * x[i] * z[i] + 0.3 * u + 0.05 * t + 0.2 * rnd.nextGaussian();
            }
        }
        Map<String, Column> c = new LinkedHashMap<>();
        c.put("province", new Column.Text(unit));
        c.put("year", new Column.Numeric(year));
        c.put("region", new Column.Text(region));
        c.put("x", new Column.Numeric(x));
        c.put("z", new Column.Numeric(z));
        c.put("x_pca", new Column.Numeric(xPca));
        c.put("y", new Column.Numeric(y));
        return new PanelFrame("province", "year", null, c);
    }

    private static StudySpec spec(List<ModelSpec> models, List<RobustnessSpec> robustness,
                                  List<HeterogeneitySpec> heterogeneity, List<MechanismSpec> mechanisms) {
        return new StudySpec("unit-test", null, new PanelSpec("province", "year", null, null), null, null, null, null, null,
                models, robustness, heterogeneity, mechanisms, null, null, null, null);
    }

    private static ModelResult result(StudyResults r, String id) {
        return r.models().stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no result " + id + " in " + r.models().stream().map(ModelResult::id).toList()
                        + "; notes " + r.notes()));
    }

    @Test
    void namesVariantsAndAppliesTheirChanges() {
        StudyResults r = StudyRunner.run(panel(), spec(
                List.of(new ModelSpec("baseline", null, "y ~ x + z | province + year", null, false, null, null, null),
                        new ModelSpec("moderated", null, "y ~ x + z + x:z | province + year", null, false, null, null, null)),
                List.of(new RobustnessSpec("pca", null, null, Map.of("x", "x_pca"), null, null, null, null),
                        new RobustnessSpec("region-year", null, null, null, null, null, List.of("region^year"),
                                new VcovSpec("hetero", null, null, null)),
                        new RobustnessSpec("no-east", null, null, null, Map.of("region", List.of("east")), null, null, null),
                        new RobustnessSpec("bad", null, "y ~ x + pgdpp | province", null, null, null, null, null)),
                List.of(new HeterogeneitySpec("region", null, null), new HeterogeneitySpec("z", "median", null)),
                List.of(new MechanismSpec(null, "z", null, null, null, null))));

        assertEquals(List.of("baseline", "moderated", "robustness/pca", "robustness/region-year", "robustness/no-east",
                        "heterogeneity/region/central", "heterogeneity/region/east", "heterogeneity/region/west",
                        "heterogeneity/z/below-median", "heterogeneity/z/above-median", "mechanism/z/moderation"),
                r.models().stream().map(ModelResult::id).toList());
        assertEquals(1, r.notes().size(), r.notes().toString());
        assertTrue(r.notes().get(0).startsWith("robustness/bad could not be estimated: term 'pgdpp': unknown column 'pgdpp'"),
                r.notes().get(0));

        ModelResult pca = result(r, "robustness/pca");
        assertEquals("y ~ x_pca + z | province + year", pca.formula());
        assertNotNull(pca.coefficient("x_pca"));
        ModelResult regionYear = result(r, "robustness/region-year");
        assertEquals("hetero", regionYear.vcov().type());
        assertEquals(24, regionYear.fixedEffects().get(2).levels());
        assertEquals("region^year", regionYear.fixedEffects().get(2).name());
        assertEquals(64, result(r, "robustness/no-east").nobs());
        assertEquals(8, result(r, "robustness/no-east").vcov().clusters().get(0));

        int regions = 0;
        for (String g : List.of("central", "east", "west")) {
            regions += result(r, "heterogeneity/region/" + g).nobs();
        }
        assertEquals(96, regions);
        assertEquals(96, result(r, "heterogeneity/z/below-median").nobs() + result(r, "heterogeneity/z/above-median").nobs());
        @SuppressWarnings("unchecked")
        Map<String, Object> diff = (Map<String, Object>) result(r, "heterogeneity/region/west").diagnostics().get("groupDifference");
        assertEquals(2, diff.get("df1"));
        assertEquals("x", diff.get("term"));

        ModelResult moderation = result(r, "mechanism/z/moderation");
        ModelResult moderated = result(r, "moderated");
        assertEquals(moderated.formula(), moderation.formula());
        close(moderated.coefficient("x:z").estimate(), moderation.coefficient("x:z").estimate(), 1e-12, "x:z");
        close(moderated.coefficient("x:z").stdError(), moderation.coefficient("x:z").stdError(), 1e-12, "se x:z");
    }

    @Test
    void stepwiseColumnsShareTheFullModelsSample() {
        PanelFrame p = panel();
        double[] z = p.numeric("z").clone();
        z[5] = Double.NaN;
        p = p.withNumeric("z", z);
        StudyResults r = StudyRunner.run(p, spec(
                List.of(new ModelSpec("base", null, "y ~ x + z + x:z | province + year", null, true, null, null, null)), null, null, null));
        assertEquals(List.of("base/1", "base/2", "base/3"), r.models().stream().map(ModelResult::id).toList());
        for (ModelResult m : r.models()) {
            assertEquals(95, m.nobs());
            assertEquals(1, m.dropped().missing());
        }
        assertEquals(List.of("x"), result(r, "base/1").coefficients().stream().map(c -> c.term()).toList());
        assertEquals("y ~ x + z | province + year", result(r, "base/2").formula());
        StudyResults single = StudyRunner.run(p, spec(
                List.of(new ModelSpec("one", null, "y ~ x + z | province + year", null, false, null, null, null)), null, null, null));
        close(single.models().get(0).coefficient("x").estimate(), result(r, "base/2").coefficient("x").estimate(), 1e-10, "x");
    }

    @Test
    void aMainModelThatFailsStopsTheRunNamingTheModel() {
        StudyException e = assertThrows(StudyException.class, () -> StudyRunner.run(panel(), spec(
                List.of(new ModelSpec("broken", null, "y ~ log(region) | province", null, false, null, null, null)), null, null, null)));
        assertEquals("model 'broken': term 'log(region)': column 'region' is text, not numeric", e.getMessage());
    }
}
