package io.panelflow.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.panelflow.dta.DtaWriter;
import io.panelflow.testing.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo study uploaded as a Stata dataset (format 118, the provinces as value-labelled codes as Stata's
 * {@code encode} leaves them, the region as a string, every number a double, gaps as {@code .}) gives the same
 * indices and results as the same data uploaded as CSV, through the live pipeline (real Kafka and PostgreSQL); the
 * bundle exports the estimation panel as .dta.
 */
@ExtendWith(SharedStack.class)
class StataUploadSystemTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** The demo CSV as a .dta: text columns are province (labelled codes) and region (str), the rest doubles. */
    static byte[] toDta(byte[] csv) {
        List<String> lines = new String(csv, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        String[] header = lines.get(0).split(",", -1);
        int rows = lines.size() - 1;
        String[][] cells = new String[rows][];
        for (int i = 0; i < rows; i++) {
            cells[i] = lines.get(i + 1).split(",", -1);
        }
        List<DtaWriter.Column> columns = new ArrayList<>();
        for (int j = 0; j < header.length; j++) {
            String name = header[j];
            if (name.equals("province")) {
                Map<String, Integer> codes = new LinkedHashMap<>();
                double[] v = new double[rows];
                for (int i = 0; i < rows; i++) {
                    v[i] = codes.computeIfAbsent(cells[i][j], k -> codes.size() + 1);
                }
                Map<Integer, String> labels = new LinkedHashMap<>();
                codes.forEach((label, code) -> labels.put(code, label));
                columns.add(DtaWriter.Column.labelled(name, "Province", v, labels));
            } else if (name.equals("region")) {
                String[] t = new String[rows];
                for (int i = 0; i < rows; i++) {
                    t[i] = cells[i][j];
                }
                columns.add(DtaWriter.Column.text(name, "Region", t));
            } else {
                double[] v = new double[rows];
                for (int i = 0; i < rows; i++) {
                    v[i] = cells[i][j].isBlank() ? Double.NaN : Double.parseDouble(cells[i][j]);
                }
                columns.add(DtaWriter.Column.numeric(name, "", v));
            }
        }
        return DtaWriter.write118(columns, rows, "panelflow demo panel", LocalDateTime.of(2026, 12, 3, 12, 0));
    }

    @Test
    void theDemoStudyUploadedAsDtaGivesTheResultsOfTheSameDataInCsv() throws Exception {
        PipelineStack stack = SharedStack.get();
        byte[] csv = Files.readAllBytes(stack.demoPanel());
        byte[] spec = Files.readAllBytes(stack.demoSpec());
        byte[] dta = toDta(csv);
        String fromCsv = Runs.submit(stack, "demo-panel.csv", csv, "demo-spec.yaml", spec);
        String fromDta = Runs.submit(stack, "demo-panel.dta", dta, "demo-spec.yaml", spec);
        Runs.await(stack, fromCsv, "COMPLETED", Duration.ofSeconds(240));
        Runs.await(stack, fromDta, "COMPLETED", Duration.ofSeconds(240));
        for (String part : List.of("results", "indices")) {
            JsonNode a = JSON.readTree(TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/" + fromCsv + "/" + part)
                    .then().statusCode(200).extract().asString());
            JsonNode b = JSON.readTree(TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/" + fromDta + "/" + part)
                    .then().statusCode(200).extract().asString());
            assertEquals(ReproducibilityBundleTest.withoutRunIds(a), ReproducibilityBundleTest.withoutRunIds(b),
                    part + " of the .dta upload equal those of the CSV upload");
        }
        // the upload is kept byte for byte, and the bundle carries the estimation panel as .dta (format 118)
        byte[] raw = TestUsers.viewer().baseUri(stack.ingestUrl()).when().get("/api/runs/" + fromDta + "/upload/data")
                .then().statusCode(200).extract().asByteArray();
        assertEquals(dta.length, raw.length);
        Map<String, byte[]> bundle = ReproducibilityBundleTest.unzip(TestUsers.viewer().baseUri(stack.reportUrl()).when()
                .get("/api/runs/" + fromDta + "/bundle").then().statusCode(200).extract().asByteArray());
        assertTrue(bundle.containsKey("data/demo-panel.dta"), bundle.keySet().toString());
        byte[] exported = bundle.get("estimation-panel.dta");
        assertTrue(new String(exported, 0, 40, StandardCharsets.ISO_8859_1).startsWith("<stata_dta><header><release>118"));
        assertTrue(new String(bundle.get("replicate.do"), StandardCharsets.UTF_8).contains("use \"estimation-panel.dta\""));
    }
}
