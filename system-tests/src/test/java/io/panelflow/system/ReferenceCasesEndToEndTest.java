package io.panelflow.system;

import io.panelflow.testing.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.testing.SharedReference;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shared reference cases through the live pipeline (upload, Kafka, the four services, results over HTTP):
 * S3's fixed against random effects with the Hausman test from {@code hausman: true}, S5's per-year
 * entropy-TOPSIS index with every unit-year's closeness, D+ and D−, and E1's staggered DID with every
 * Callaway–Sant'Anna ATT(g, t) and Sun–Abraham cohort × period cell.
 */
@ExtendWith(SharedStack.class)
class ReferenceCasesEndToEndTest {
    private static final double REL = 1e-8;
    static PipelineStack stack;

    @BeforeAll
    static void up() {
        stack = SharedStack.get();
        RestAssured.config = RestAssuredConfig.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    private static String submit(Path data, String spec) {
        return TestUsers.submitter().baseUri(stack.ingestUrl())
                .multiPart("data", data.toFile(), "text/csv")
                .multiPart("spec", "spec.yaml", spec.getBytes(StandardCharsets.UTF_8), "application/yaml")
                .when().post("/api/runs").then().statusCode(202).extract().path("runId");
    }

    private static void close(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= REL * Math.abs(expected),
                what + ": expected " + expected + " but was " + actual);
    }

    private static double number(Object o) {
        return ((Number) o).doubleValue();
    }

    @Test
    void s3HausmanThroughThePipeline() throws Exception {
        JsonNode json = SharedReference.json("S3_produc_hausman");
        JsonNode s = json.get("spec");
        List<String> regressors = new ArrayList<>();
        s.get("regressors").forEach(r -> regressors.add(r.asText()));
        String spec = """
                name: s3-hausman
                panel: {unit: state, time: year}
                models:
                  - {id: fe, formula: "%s ~ %s | state", vcov: iid, hausman: true}
                """.formatted(s.get("dependent").asText(), String.join(" + ", regressors));
        String runId = submit(SharedReference.reference("S3_produc_hausman.csv"), spec);
        Runs.await(stack, runId, "COMPLETED", Duration.ofSeconds(180));
        JsonPath results = TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/" + runId + "/results")
                .then().statusCode(200).extract().jsonPath();
        JsonNode expected = json.get("expected");

        Map<String, Object> fe = results.getMap("models.find { it.id == 'fe' }");
        Map<String, Object> re = results.getMap("models.find { it.id == 'fe/re' }");
        assertEquals(expected.get("panel").get("N").asInt(), ((Number) fe.get("nobs")).intValue());
        assertEquals(expected.get("panel").get("N").asInt(), ((Number) re.get("nobs")).intValue());
        coefficients(expected.get("fe_within"), results, "fe", "t");
        coefficients(expected.get("re_swamy_arora"), results, "fe/re", "stat");
        close(expected.get("re_swamy_arora").get("theta").asDouble(),
                results.getDouble("models.find { it.id == 'fe/re' }.diagnostics.theta"), "theta");
        JsonNode h = expected.get("hausman");
        String path = "models.find { it.id == 'fe' }.diagnostics.hausman";
        close(h.get("statistic").asDouble(), results.getDouble(path + ".statistic"), "Hausman chi2");
        assertEquals(h.get("df").asInt(), results.getInt(path + ".df"), "Hausman df");
        close(h.get("p_value").asDouble(), results.getDouble(path + ".pValue"), "Hausman p");
        assertEquals(h.get("df").asInt(), results.getInt(path + ".robust.df"), "robust Hausman df");

        String md = TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/" + runId + "/report?format=md")
                .then().statusCode(200).extract().asString();
        assertTrue(md.contains("Hausman test (FE vs RE)") && md.contains("Robust Hausman test"), "Hausman rows in the report");
    }

    @Test
    void e1StaggeredDidCellsThroughThePipeline() {
        JsonNode expected = SharedReference.json("E1_mpdta_staggered_did").get("expected");
        String runId = submit(SharedReference.reference("E1_mpdta_staggered_did.csv"), """
                name: e1-staggered-did
                panel: {unit: countyreal, time: year}
                did:
                  - {id: mw, outcome: lemp, adoption: first.treat, placebo: {permutations: 20, seed: 1}}
                """);
        Runs.await(stack, runId, "COMPLETED", Duration.ofSeconds(180));
        JsonPath results = TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/" + runId + "/results")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> cells = results.getList(
                "models.find { it.id == 'did/mw/callaway-santanna' }.diagnostics.attGt");
        JsonNode att = expected.get("d_callaway_santanna").get("att_gt");
        assertEquals(att.size(), cells.size(), "ATT(g, t) cells");
        for (int k = 0; k < att.size(); k++) {
            JsonNode x = att.get(k);
            String what = "ATT(" + x.get("group").asInt() + "," + x.get("time").asInt() + ")";
            assertEquals(x.get("group").asInt(), (int) number(cells.get(k).get("group")), what);
            assertEquals(x.get("time").asInt(), (int) number(cells.get(k).get("time")), what);
            close(x.get("att").asDouble(), number(cells.get(k).get("att")), what);
            close(x.get("se").asDouble(), number(cells.get(k).get("stdError")), what + " se");
        }
        List<Map<String, Object>> sa = results.getList(
                "models.find { it.id == 'did/mw/sun-abraham' }.diagnostics.cohortPeriod");
        JsonNode cp = expected.get("c_sun_abraham").get("cohort_period_coefficients");
        assertEquals(cp.size(), sa.size(), "Sun-Abraham cells");
        for (JsonNode x : cp) {
            Map<String, Object> row = sa.stream().filter(m -> (int) number(m.get("cohort")) == x.get("cohort").asInt()
                    && (int) number(m.get("relTime")) == x.get("rel_time").asInt()).findFirst()
                    .orElseThrow(() -> new AssertionError("no cell " + x));
            String what = "SA " + x.get("cohort") + "/" + x.get("rel_time");
            close(x.get("estimate").asDouble(), number(row.get("estimate")), what);
            close(x.get("se").asDouble(), number(row.get("stdError")), what + " se");
        }
        double twfe = expected.get("a_static_twfe").get("coefficients").get("treat_post").asDouble();
        close(twfe, results.getDouble("models.find { it.id == 'did/mw/twfe' }.diagnostics.bacon.weightedSum"),
                "Goodman-Bacon weighted sum = TWFE");
        close(twfe, results.getDouble("models.find { it.id == 'did/mw/twfe' }.diagnostics.placebo.estimate"),
                "placebo's true estimate");
        String md = TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/" + runId + "/report?format=md")
                .then().statusCode(200).extract().asString();
        assertTrue(md.contains("Group-time average treatment effects ATT(g, t): mw")
                && md.contains("Goodman-Bacon decomposition of the TWFE estimate: mw"), "DID tables in the report");
    }

    /** Estimates, SEs, test statistics (under {@code statKey}) and p-values of a reference block. */
    private static void coefficients(JsonNode block, JsonPath results, String id, String statKey) {
        List<Map<String, Object>> coefs = results.getList("models.find { it.id == '" + id + "' }.coefficients");
        assertEquals(block.get("coefficients").size(), coefs.size(), id + " coefficients");
        block.get("coefficients").fields().forEachRemaining(e -> {
            Map<String, Object> c = coefs.stream().filter(x -> e.getKey().equals(x.get("term"))).findFirst()
                    .orElseThrow(() -> new AssertionError(id + ": no term " + e.getKey()));
            close(e.getValue().asDouble(), number(c.get("estimate")), id + " " + e.getKey());
            close(block.get("se").get(e.getKey()).asDouble(), number(c.get("stdError")), id + " se " + e.getKey());
            close(block.get(statKey).get(e.getKey()).asDouble(), number(c.get("statistic")), id + " t " + e.getKey());
            double p = block.get("p").get(e.getKey()).asDouble();
            assertTrue(Math.abs(number(c.get("pValue")) - p) <= 1e-6 * p, id + " p " + e.getKey());
        });
    }

    @Test
    void s5PerYearEntropyTopsisWithDistancesThroughThePipeline() throws Exception {
        JsonNode json = SharedReference.json("S5_produc_entropy_topsis");
        StringBuilder indicators = new StringBuilder();
        json.get("spec").get("indicators").fields().forEachRemaining(e -> indicators
                .append("      - {column: ").append(e.getKey()).append(", direction: ").append(e.getValue().asText())
                .append("}\n"));
        String spec = """
                name: s5-topsis
                panel: {unit: state, time: year}
                indices:
                  - name: S
                    method: entropy-topsis
                    scope: per-year
                    indicators:
                %s""".formatted(indicators);
        String runId = submit(SharedReference.reference("S5_produc_entropy_topsis.csv"), spec);
        Runs.await(stack, runId, "COMPLETED", Duration.ofSeconds(180));
        JsonPath indices = TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/" + runId + "/indices")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> values = indices.getList("indices.find { it.name == 'S' }.values");
        List<String> lines = Files.readAllLines(SharedReference.reference("S5_produc_entropy_topsis.expected_units.csv"),
                StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(","));
        int state = header.indexOf("state"), year = header.indexOf("year");
        int closeness = header.indexOf("byyear_closeness"), dPlus = header.indexOf("byyear_d_plus"),
                dMinus = header.indexOf("byyear_d_minus");
        assertEquals(lines.size() - 1, values.size(), "one value per unit-year");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            Map<String, Object> v = values.stream().filter(x -> f[state].equals(x.get("unit")) && f[year].equals(x.get("time")))
                    .findFirst().orElseThrow(() -> new AssertionError("no value for " + line));
            close(Double.parseDouble(f[closeness]), number(v.get("value")), "closeness " + f[state] + " " + f[year]);
            close(Double.parseDouble(f[dPlus]), number(v.get("distanceToBest")), "D+ " + f[state] + " " + f[year]);
            close(Double.parseDouble(f[dMinus]), number(v.get("distanceToWorst")), "D- " + f[state] + " " + f[year]);
        }
    }
}
