package io.panelflow.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.panelflow.testing.TestUsers;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/runs/{runId}/bundle} on the running stack: the demo run's bundle holds the upload
 * as received, and uploading its data and spec again gives the same results.
 */
@ExtendWith(SharedStack.class)
class ReproducibilityBundleTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDemoRunsBundleUploadedAgainGivesIdenticalResults() throws Exception {
        PipelineStack stack = SharedStack.get();
        byte[] demo = Files.readAllBytes(stack.demoPanel());
        byte[] spec = Files.readAllBytes(stack.demoSpec());
        String first = Runs.submit(stack, "demo-panel.csv", demo, "demo-spec.yaml", spec);
        Runs.await(stack, first, "COMPLETED", Duration.ofSeconds(180));

        var response = TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/" + first + "/bundle")
                .then().statusCode(200).contentType(containsString("application/zip"))
                .header("Content-Disposition", containsString("panelflow-" + first + "-bundle.zip")).extract();
        Map<String, byte[]> bundle = unzip(response.asByteArray());
        Files.write(stack.logDir.resolve("demo-bundle.zip"), response.asByteArray());

        byte[] data = bundle.get("data/demo-panel.csv");
        assertNotNull(data, "the data file under its original name: " + bundle.keySet());
        assertArrayEquals(demo, data, "the uploaded bytes");
        assertArrayEquals(spec, bundle.get("spec/spec.yaml"), "the spec as uploaded");
        for (String f : List.of("html", "md", "tex", "docx", "csv", "json")) {
            assertTrue(bundle.containsKey("report/panelflow-" + first + "." + f), "the " + f + " document: " + bundle.keySet());
        }
        String readme = new String(bundle.get("README.txt"), StandardCharsets.UTF_8);
        assertTrue(readme.contains("/api/runs") && readme.contains("data=@data/demo-panel.csv"), readme);

        // the data's SHA-256 is the one the pipeline recorded
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        JsonPath provenance = TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/" + first + "/provenance")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(sha, provenance.getString("sha256"));
        assertEquals(sha, JSON.readTree(bundle.get("provenance.json")).get("sha256").asText());
        assertTrue(new String(bundle.get("SHA256SUMS"), StandardCharsets.UTF_8).contains(sha + "  data/demo-panel.csv"));

        // the bundle's results and indices are what the API serves
        JsonNode results = JSON.readTree(bundle.get("results.json"));
        assertEquals(JSON.readTree(TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/" + first + "/results").asString()), results);
        assertTrue(JSON.readTree(bundle.get("indices.json")).get("indices").size() > 0);

        // uploaded again, the bundle's data and spec give the same results
        String second = Runs.submit(stack, "demo-panel.csv", data, "spec.yaml", bundle.get("spec/spec.yaml"));
        Runs.await(stack, second, "COMPLETED", Duration.ofSeconds(180));
        JsonNode again = JSON.readTree(TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/" + second + "/results")
                .then().statusCode(200).extract().asString());
        assertEquals(first, results.get("runId").asText());
        assertEquals(second, again.get("runId").asText());
        assertEquals(withoutRunIds(results), withoutRunIds(again), "identical results apart from the run ids");
        assertTrue(results.get("models").size() > 5);
    }

    @Test
    void anUnknownRunHasNoBundle() {
        PipelineStack stack = SharedStack.get();
        TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/no-such-run/bundle").then().statusCode(404)
                .body("title", equalTo("Run not found"));
    }

    static JsonNode withoutRunIds(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove("runId");
        }
        node.forEach(ReproducibilityBundleTest::strip);
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }
}
