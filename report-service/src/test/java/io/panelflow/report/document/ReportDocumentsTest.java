package io.panelflow.report.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.panelflow.model.event.DataProvenance;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.result.StudyResults;
import io.panelflow.model.spec.SpecReader;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.report.table.SampleResults;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportDocumentsTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    static StudySpec spec() {
        return SpecReader.read("""
                name: digital-technology-and-equalization
                data: {description: A provincial panel., synthetic: true}
                panel: {unit: province, time: year}
                models:
                  - id: baseline
                    formula: "Y ~ DT + log(pgdp) + urban | province + year"
                    vcov: {cluster: province}
                    stepwise: true
                labels: {Y: Public service equalization, DT: Digital technology}
                """);
    }

    static RunReport full() {
        List<ModelResult> models = new ArrayList<>();
        models.addAll(SampleResults.stepwise());
        models.addAll(SampleResults.robustness());
        models.addAll(SampleResults.iv());
        models.addAll(SampleResults.heterogeneity());
        models.addAll(SampleResults.mechanism());
        return new RunReport("run-42", spec(),
                new DataProvenance("panel.csv", SHA, 12345, null, Instant.parse("2026-01-02T03:04:05Z"), "0.1.0"),
                SampleResults.quality(), List.of(SampleResults.index()), List.of(SampleResults.balance()),
                new StudyResults("run-42", models, List.of()), false, "0.1.0");
    }

    @Test
    void htmlFollowsTheSectionOrderAndLabelsSyntheticData() {
        String html = new String(ReportDocuments.render(full(), Format.HTML), StandardCharsets.UTF_8);
        List<String> order = List.of("id=\"data\"", "id=\"quality\"", "id=\"descriptives\"", "id=\"indices\"",
                "id=\"baseline\"", "id=\"robustness\"", "id=\"iv\"", "id=\"heterogeneity\"", "id=\"mechanism\"",
                "id=\"reproducibility\"");
        int last = -1;
        for (String section : order) {
            int at = html.indexOf("<section " + section);
            assertTrue(at > last, section + " out of order or missing");
            last = at;
        }
        assertTrue(html.contains("Synthetic data: the numbers in this report come from generated data"));
        assertTrue(html.contains("<svg "));
        assertTrue(html.contains("Data SHA-256: " + SHA));
        assertTrue(html.contains("panelflow version: 0.1.0"));
        assertTrue(html.contains("stepwise: true"), "spec printed as YAML");
        assertTrue(html.contains("Digital technology"));
        assertTrue(html.contains("Heterogeneity by region"));
        assertFalse(html.contains("NaN"));
    }

    @Test
    void missingInputsLeaveTheirSectionsOut() {
        RunReport bare = new RunReport("run-1", null, null, null, null, null, null, false, null);
        String html = new String(ReportDocuments.render(bare, Format.HTML), StandardCharsets.UTF_8);
        assertTrue(html.contains("<section id=\"data\">"));
        assertTrue(html.contains("<section id=\"reproducibility\">"));
        for (String absent : List.of("quality", "descriptives", "indices", "baseline", "robustness", "iv",
                "heterogeneity", "mechanism")) {
            assertFalse(html.contains("<section id=\"" + absent + "\">"), absent);
        }
        assertFalse(html.contains("Synthetic data:"));
        for (Format f : Format.values()) {
            assertTrue(ReportDocuments.render(bare, f).length > 0, f.name());
        }
    }

    @Test
    void everyFormatRendersTheSameTables() throws Exception {
        RunReport report = full();
        JsonNode json = new ObjectMapper().readTree(ReportDocuments.render(report, Format.JSON));
        assertEquals("run-42", json.get("runId").asText());
        assertTrue(json.get("synthetic").asBoolean(), "synthetic from the spec's data description");
        int tables = json.get("tables").size();
        assertTrue(tables >= 12, "tables: " + tables);

        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(ReportDocuments.render(report, Format.DOCX)))) {
            assertEquals(tables, doc.getTables().size());
            assertTrue(doc.getAllPictures().size() >= 3);
        }
        String tex = new String(ReportDocuments.render(report, Format.LATEX), StandardCharsets.UTF_8);
        assertEquals(tables, tex.split("\\\\begin\\{tabular}", -1).length - 1);
        String md = new String(ReportDocuments.render(report, Format.MARKDOWN), StandardCharsets.UTF_8);
        assertEquals(tables, md.split("\\*\\*Table \\d+\\. ", -1).length - 1);
        byte[] csv = ReportDocuments.render(report, Format.CSV);
        assertEquals((byte) 0xEF, csv[0], "UTF-8 byte order mark for spreadsheets");
        assertTrue(new String(csv, StandardCharsets.UTF_8).contains("Digital technology,0.261***,0.282***,0.272**"));
    }

    @Test
    void latexBundleShipsTheFiguresTheTexIncludes() throws Exception {
        List<String> names = new ArrayList<>();
        String tex = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(ReportDocuments.latexBundle(full())))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
                if (e.getName().equals("report.tex")) {
                    tex = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertTrue(tex != null);
        for (String name : names) {
            if (name.endsWith(".png")) {
                assertTrue(tex.contains("\\includegraphics[width=0.9\\linewidth]{" + name + "}"), name);
            }
        }
        assertTrue(names.size() > 1);
    }

    @Test
    void formatsFromQueryValues() {
        assertEquals(Format.MARKDOWN, Format.fromQuery("md"));
        assertEquals(Format.LATEX, Format.fromQuery("tex"));
        assertEquals(Format.DOCX, Format.fromQuery("DOCX"));
        assertEquals(Format.HTML, Format.fromQuery(null));
        assertThrows(IllegalArgumentException.class, () -> Format.fromQuery("pdf"));
        assertEquals("panelflow-run-42.docx", ReportDocuments.fileName(full(), Format.DOCX));
    }
}
