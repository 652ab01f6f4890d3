package io.panelflow.system;

import io.panelflow.testing.SharedReference;
import io.panelflow.testing.TestUsers;
import io.panelflow.testing.TopicClient;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Upload to report over the four packaged services, then the crash drill: the estimation service is
 * killed (SIGKILL) in the middle of a run and started again, and the run still ends with exactly one
 * result.
 */
@ExtendWith(SharedStack.class)
class EndToEndTest {
    static PipelineStack stack;

    @BeforeAll
    static void up() {
        // one stack for all system test classes (SharedStack), with short consumer sessions for the crash drill
        stack = SharedStack.get();
        // JSON numbers as doubles, not floats: the S13 check compares to 1e-10
        RestAssured.config = RestAssuredConfig.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    static String submitDemo() throws Exception {
        return TestUsers.submitter().baseUri(stack.ingestUrl())
                .multiPart("data", stack.demoPanel().toFile(), "text/csv")
                .multiPart("spec", stack.demoSpec().toFile(), "application/yaml")
                .when().post("/api/runs")
                .then().statusCode(202).extract().path("runId");
    }

    @Test
    void theDemoStudyGoesFromUploadToReport() throws Exception {
        String runId = submitDemo();
        JsonPath run = Runs.await(stack, runId, "COMPLETED", Duration.ofSeconds(180));
        assertTrue(run.getList("formats").containsAll(List.of("html", "md", "tex", "docx", "csv", "json")));

        JsonPath results = TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/" + runId + "/results")
                .then().statusCode(200).extract().jsonPath();
        List<String> ids = results.getList("models.id");
        assertTrue(ids.containsAll(List.of("baseline/1", "baseline/5", "robustness/entropy-index",
                "robustness/drop-municipalities", "robustness/lag", "robustness/region-year-fe")), ids.toString());
        // The demo's data-generating process: total effect of DT_eq on Y is 0.82 (direct 0.50 + 0.32 via innovation).
        Map<String, Object> full = results.getMap("models.find { it.id == 'baseline/5' }.coefficients.find { it.term == 'DT_eq' }");
        double b = ((Number) full.get("estimate")).doubleValue();
        assertTrue(Math.abs(b - 0.82) < 0.15, "baseline DT_eq estimate " + b + " near the true 0.82");

        // staggered DID: ATT(g, t) cells, the placebo draws and the Goodman-Bacon decomposition reach the results
        List<Object> cells = results.getList("models.find { it.id == 'did/broadband-cs/callaway-santanna' }.diagnostics.attGt");
        assertTrue(cells != null && !cells.isEmpty(), "ATT(g, t) cells");
        assertEquals(500, results.getList("models.find { it.id == 'did/broadband-pilot/twfe' }.diagnostics.placebo.estimates").size());
        double weights = ((Number) results.get("models.find { it.id == 'did/broadband-bacon/twfe' }.diagnostics.bacon.weightSum"))
                .doubleValue();
        assertEquals(1.0, weights, 1e-9, "Goodman-Bacon weights");
        assertTrue(results.getList("models.find { it.id == 'did/broadband-pilot/sun-abraham' }.diagnostics.cohortPeriod").size() > 3);
        TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/" + runId + "/indices").then().statusCode(200)
                .body("indices.name", hasItems("DT_eq", "DT"));
        String html = TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/" + runId + "/report?format=html")
                .then().statusCode(200).extract().asString();
        assertTrue(html.contains("<table") && html.contains("<svg"), "tables and figures in the HTML report");
        assertTrue(html.contains("Placebo estimates with randomly reassigned adoption years"), "placebo density figure");
        assertTrue(html.toLowerCase().contains("synthetic"), "the report says the data are synthetic");
        byte[] docx = TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/" + runId + "/report?format=docx")
                .then().statusCode(200).extract().asByteArray();
        assertEquals("PK", new String(docx, 0, 2, StandardCharsets.US_ASCII));
        // the dashboard page itself is public (it holds no data) and signs in before it reads anything
        TestUsers.anonymous().baseUri(stack.reportUrl()).when().get("/").then().statusCode(200).body(containsString("id=\"sign-in\""));
    }

    /**
     * The S13 construction: prefecture data in, the within-province balance (population-weighted
     * Theil T of GDP per capita) per province-year out, and a regression on that province-year panel.
     */
    @Test
    void prefectureDataGiveAProvinceYearBalancePanelToEstimateOn() throws Exception {
        Path data = SharedReference.reference("S13_china_prefecture_balance.csv");
        Path expected = SharedReference.reference("S13_china_prefecture_balance.expected_province_year.csv");
        String spec = """
                name: within-province-balance
                panel: {unit: id, time: year, group: province}
                balance:
                  - {name: theil, method: theil-t, measure: "gdp / population", weight: population, by: province}
                estimation:
                  level: group
                  aggregate:
                    - {name: tech, column: tech, function: weighted-mean, weight: population}
                    - {name: ind, column: ind, function: mean}
                models:
                  - {id: balance, formula: "theil ~ tech + ind | province + year", vcov: iid}
                """;
        String runId = TestUsers.submitter().baseUri(stack.ingestUrl())
                .multiPart("data", data.toFile(), "text/csv")
                .multiPart("spec", "spec.yaml", spec.getBytes(StandardCharsets.UTF_8), "application/yaml")
                .when().post("/api/runs").then().statusCode(202).extract().path("runId");
        Runs.await(stack, runId, "COMPLETED", Duration.ofSeconds(180));

        List<String> lines = Files.readAllLines(expected, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(","));
        int province = header.indexOf("province"), year = header.indexOf("year"), theil = header.indexOf("theil_t");
        JsonPath indices = TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/" + runId + "/indices")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> values = indices.getList("balance.find { it.name == 'theil' }.values");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            Map<String, Object> v = values.stream().filter(x -> f[province].equals(x.get("group")) && f[year].equals(x.get("time")))
                    .findFirst().orElseThrow(() -> new AssertionError("no theil value for " + line));
            double got = ((Number) v.get("value")).doubleValue(), want = Double.parseDouble(f[theil]);
            assertEquals(want, got, 1e-10 * Math.max(1, Math.abs(want)), line);
        }
        JsonPath results = TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/" + runId + "/results")
                .then().statusCode(200).extract().jsonPath();
        // a province-year whose prefectures all lack tech or ind has no aggregate and drops out as missing
        List<String> raw = Files.readAllLines(data, StandardCharsets.UTF_8);
        List<String> cols = List.of(raw.get(0).split(","));
        int p = cols.indexOf("province"), y = cols.indexOf("year"), tech = cols.indexOf("tech"), ind = cols.indexOf("ind");
        Map<String, boolean[]> seen = new java.util.HashMap<>();
        for (String line : raw.subList(1, raw.size())) {
            String[] f = line.split(",", -1);
            boolean[] has = seen.computeIfAbsent(f[p] + "|" + f[y], k -> new boolean[2]);
            has[0] |= !f[tech].isEmpty();
            has[1] |= !f[ind].isEmpty();
        }
        long incomplete = seen.values().stream().filter(h -> !h[0] || !h[1]).count();
        assertEquals(lines.size() - 1, seen.size(), "the expected table has every province-year");
        assertEquals(seen.size() - incomplete, results.getInt("models.find { it.id == 'balance' }.nobs"),
                "one observation per province-year with both aggregates");
        assertEquals(incomplete, results.getInt("models.find { it.id == 'balance' }.dropped.missing"));
        assertEquals(List.of("province", "year"), results.getList("models.find { it.id == 'balance' }.fixedEffects.name"));
    }

    @Test
    void aConsumerKilledMidRunIsRestartedAndTheRunEndsWithExactlyOneResult() throws Exception {
        ServiceProcess estimation = stack.service("estimation-service");
        estimation.close();
        // hold each estimation 30 s after RUNNING, so the kill lands mid-run; the killed instance's claim on the
        // run counts as abandoned 10 s after its last heartbeat (60 s in deployments), then the restarted one takes over
        estimation.start("-Dpanelflow.stage.hold-ms=30000", "-Dpanelflow.claim.stale-after=PT10S");
        String runId = submitDemo();
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        boolean running = false;
        while (!running && System.nanoTime() < end) {
            var r = TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/" + runId);
            running = r.statusCode() == 200 && r.asString().contains("\"stage\":\"ESTIMATION\",\"status\":\"RUNNING\"");
            ServiceProcess.sleep(200);
        }
        assertTrue(running, "the estimation stage started");
        estimation.kill();
        try (TopicClient topics = new TopicClient(stack.broker.bootstrapServers())) {
            assertEquals(0, topics.readKey("estimates-completed", runId, 1, Duration.ofSeconds(3)).size(),
                    "killed before it published anything");
            estimation.start("-Dpanelflow.claim.stale-after=PT10S");
            Runs.await(stack, runId, "COMPLETED", Duration.ofSeconds(180));
            assertEquals(1, topics.readKey("estimates-completed", runId, 2, Duration.ofSeconds(5)).size(),
                    "one estimates-completed record");
            assertEquals(1, topics.readKey("reports-ready", runId, 2, Duration.ofSeconds(5)).size(),
                    "one reports-ready record");
        }
        try (Connection c = stack.database.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from estimation.estimation_run where run_id = '" + runId + "'")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "one stored estimation result");
        }
    }
}
