package io.panelflow.report.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.panelflow.model.result.Coefficient;
import io.panelflow.model.result.DroppedRows;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.result.StudyResults;
import io.panelflow.model.result.VcovInfo;
import io.panelflow.model.spec.SpecReader;
import io.panelflow.report.figure.DensityPlot;
import io.panelflow.report.figure.Figure;
import io.panelflow.report.figure.Figures;
import io.panelflow.report.figure.Palette;
import io.panelflow.report.table.Labels;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The staggered-DID detail tables and the placebo density figure, from results as they arrive over JSON. */
class DidReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> diagnostics(String json) throws Exception {
        return JSON.readValue(json, Map.class);
    }

    private static ModelResult result(String method, Map<String, Object> diagnostics, List<Coefficient> coefficients) {
        return new ModelResult("did/mw/" + method, "did", method, "lemp ~ treat_post | countyreal + year", "lemp", 2500,
                new DroppedRows(0, 0), List.of(), new VcovInfo("cluster", List.of("countyreal"), List.of(500), null, "G/(G-1)"),
                coefficients, null, null, null, null, diagnostics, List.of());
    }

    static List<ModelResult> didResults() throws Exception {
        StringBuilder draws = new StringBuilder();
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 200; i++) {
            draws.append(i == 0 ? "" : ",").append(0.01 * r.nextGaussian());
        }
        ModelResult twfe = result("twfe", diagnostics("""
                {"bacon": {"twfe": -0.0365, "weightSum": 1.0, "weightedSum": -0.0365,
                   "byType": [{"type": "earlier-vs-later", "weight": 0.2, "estimate": -0.05},
                              {"type": "later-vs-earlier", "weight": 0.1, "estimate": 0.02},
                              {"type": "treated-vs-never", "weight": 0.7, "estimate": -0.0407857}],
                   "comparisons": [{"type": "earlier-vs-later", "treated": 2004, "control": 2006, "estimate": -0.05, "weight": 0.2},
                                   {"type": "later-vs-earlier", "treated": 2006, "control": 2004, "estimate": 0.02, "weight": 0.1},
                                   {"type": "treated-vs-never", "treated": 2004, "control": 0, "estimate": -0.0407857, "weight": 0.7}]},
                 "placebo": {"permutations": 200, "seed": 7, "estimate": -0.0365, "pValue": 0.0, "mean": 0.0001,
                   "sd": 0.01, "estimates": [%s]}}""".formatted(draws)),
                List.of(new Coefficient("treat_post", -0.0365, 0.0133, -2.75, 0.006, -0.062, -0.011)));
        ModelResult cs = result("callaway-santanna", diagnostics("""
                {"controlGroup": "not-yet-treated", "covariates": ["lpop"],
                 "attGt": [{"group": 2004, "time": 2004, "basePeriod": 2003, "post": true, "att": -0.0105, "stdError": 0.0233,
                            "statistic": -0.45, "pValue": 0.65, "confLow": -0.056, "confHigh": 0.035, "controlUnits": 480},
                           {"group": 2006, "time": 2004, "basePeriod": 2003, "post": false, "att": 0.0065, "stdError": 0.0233,
                            "statistic": 0.28, "pValue": 0.78, "confLow": -0.039, "confHigh": 0.052, "controlUnits": 440}]}"""),
                List.of(new Coefficient("ATT", -0.04, 0.012, -3.3, 0.001, -0.063, -0.016)));
        ModelResult sa = result("sun-abraham", diagnostics("""
                {"cohortPeriod": [{"cohort": 2007, "relTime": -4, "estimate": 0.0033, "stdError": 0.0246, "statistic": 0.13,
                                   "pValue": 0.89, "confLow": -0.045, "confHigh": 0.051, "observations": 131}]}"""),
                List.of(new Coefficient("ATT", -0.04, 0.0118, -3.39, 0.0008, -0.063, -0.017)));
        return List.of(twfe, sa, cs);
    }

    private static RunReport report() throws Exception {
        return new RunReport("run-7", SpecReader.read("""
                name: did
                panel: {unit: countyreal, time: year}
                did: [{id: mw, outcome: lemp, adoption: first.treat}]
                """), null, null, List.of(), List.of(), new StudyResults("run-7", didResults(), List.of()), false, "0.1.0");
    }

    @Test
    void detailTablesAndThePlaceboFigureInEveryFormat() throws Exception {
        JsonNode json = JSON.readTree(ReportDocuments.render(report(), Format.JSON));
        List<String> ids = new ArrayList<>();
        json.get("tables").forEach(t -> ids.add(t.get("id").asText()));
        assertTrue(ids.containsAll(List.of("did-mw", "did-mw-att-gt", "did-mw-cohort-period", "did-mw-bacon",
                "did-mw-placebo")), ids.toString());
        String html = new String(ReportDocuments.render(report(), Format.HTML), StandardCharsets.UTF_8);
        assertTrue(html.contains("Placebo estimates with randomly reassigned adoption years: mw"), "figure caption");
        assertTrue(html.contains("Later vs earlier treated") && html.contains("2004 vs never treated"), "Bacon rows");
        assertTrue(html.contains("Pre-treatment placebos"), "ATT(g,t) pre cells in their own block");
        assertTrue(html.contains("Placebo p (random adoption years)"), "placebo p in the DID table");
        assertTrue(html.contains("not-yet-treated comparison units, doubly robust with covariates lpop"));
        String md = new String(ReportDocuments.render(report(), Format.MARKDOWN), StandardCharsets.UTF_8);
        assertTrue(md.contains("Placebo estimates with randomly reassigned adoption years: mw](data:image/svg+xml;base64,"),
                "the Markdown report embeds the figure");
        List<String> names = new ArrayList<>();
        try (var zip = new java.util.zip.ZipInputStream(new ByteArrayInputStream(ReportDocuments.latexBundle(report())))) {
            for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertTrue(names.stream().anyMatch(n -> n.endsWith("figure-did-mw-placebo.png")), names.toString());
    }

    /** R: bw.nrd0(1:10) = 1.719286; the density integrates to one. */
    @Test
    void kernelDensityAsR() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(1.719286404692283, DensityPlot.bandwidth(x), 1e-12);
        double h = DensityPlot.bandwidth(x);
        double area = 0;
        for (double v = -20; v < 30; v += 0.01) {
            area += DensityPlot.density(x, h, v) * 0.01;
        }
        assertEquals(1.0, area, 1e-6);
    }

    /** SVG and PNG from one drawing: the PNG pixel under the SVG's marked line has the marker colour. */
    @Test
    void theEstimateLineIsAtTheSamePlaceInSvgAndPng() throws Exception {
        Figure f = new Figures(Labels.none()).placeboDensity("p", "placebo", didResults().get(0));
        assertNotNull(f);
        String svg = f.svg();
        Matcher m = Pattern.compile("<line x1=\"([-0-9.]+)\" y1=\"([-0-9.]+)\" x2=\"[-0-9.]+\" y2=\"([-0-9.]+)\" stroke=\""
                + Palette.series(1)).matcher(svg);
        assertTrue(m.find(), svg);
        double x = Double.parseDouble(m.group(1));
        double y = (Double.parseDouble(m.group(2)) + Double.parseDouble(m.group(3))) / 2;
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(f.png()));
        int px = (int) Math.round(x * Figure.PNG_SCALE);
        int py = (int) Math.round(y * Figure.PNG_SCALE);
        boolean found = false;
        for (int dy = -8; dy <= 8 && !found; dy++) {
            found = png.getRGB(px, py + dy) == Color.decode(Palette.series(1)).getRGB();
        }
        assertTrue(found, "marker colour in the PNG at x = " + px);
        assertTrue(svg.contains("Estimate -0.0365 (p = 0.000)"), "the estimate and its p-value are labelled");
    }
}
