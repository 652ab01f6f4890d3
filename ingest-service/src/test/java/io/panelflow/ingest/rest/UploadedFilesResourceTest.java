package io.panelflow.ingest.rest;

import io.panelflow.ingest.persistence.UploadedRun;
import io.panelflow.testing.KafkaBrokerResource;
import io.panelflow.testing.PostgresDatabaseResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.panelflow.testing.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code GET /api/runs/{runId}/upload/data|spec}: the upload as received, for the reproducibility bundle. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class UploadedFilesResourceTest {

    @Test
    void theDataAndSpecOfAnAcceptedRunComeBackAsUploaded() throws Exception {
        byte[] csv = RunUploadResourceTest.CSV.getBytes(StandardCharsets.UTF_8);
        String runId = TestUsers.submitter().multiPart("data", "panel 2021.csv", csv, "text/csv")
                .multiPart("spec", "study.yaml", RunUploadResourceTest.SPEC.getBytes(StandardCharsets.UTF_8), "application/yaml")
                .when().post("/api/runs")
                .then().statusCode(202).extract().path("runId");

        var data = TestUsers.viewer().when().get("/api/runs/" + runId + "/upload/data").then().statusCode(200)
                .contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("filename=\"panel 2021.csv\""))
                .extract();
        assertArrayEquals(csv, data.asByteArray());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv));
        assertEquals(sha, data.header("X-Panelflow-Sha256"));

        String spec = TestUsers.viewer().when().get("/api/runs/" + runId + "/upload/spec").then().statusCode(200)
                .contentType(containsString("yaml")).extract().asString();
        assertEquals(RunUploadResourceTest.SPEC, spec);
    }

    @Test
    void aNonAsciiFileNameSurvivesInTheEncodedFilenameParameter() {
        String runId = UUID.randomUUID().toString();
        byte[] bytes = {0x50, 0x4b, 3, 4, (byte) 0xff, 0};
        QuarkusTransaction.requiringNew().run(() -> {
            UploadedRun r = new UploadedRun();
            r.runId = runId;
            r.acceptedAt = Instant.now();
            r.fileName = "省级面板 \"v2\".xlsx";
            r.dataSha256 = "00".repeat(32);
            r.rawData = bytes;
            r.specText = "{\"name\": \"json-spec\"}";
            r.cleanedPanel = "{}";
            r.quality = "{}";
            r.persist();
        });
        var data = TestUsers.viewer().when().get("/api/runs/" + runId + "/upload/data").then().statusCode(200)
                .contentType(containsString("spreadsheetml")).extract();
        assertArrayEquals(bytes, data.asByteArray());
        String disposition = data.header("Content-Disposition");
        String encoded = disposition.substring(disposition.indexOf("filename*=UTF-8''") + "filename*=UTF-8''".length());
        assertEquals("省级面板 \"v2\".xlsx", URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8));
        TestUsers.viewer().when().get("/api/runs/" + runId + "/upload/spec").then().statusCode(200)
                .contentType(containsString("application/json")).body(equalTo("{\"name\": \"json-spec\"}"));
    }

    @Test
    void anUnknownRunIsANotFoundProblem() {
        TestUsers.viewer().when().get("/api/runs/no-such-run/upload/data").then().statusCode(404)
                .contentType(containsString("application/problem+json")).body("title", equalTo("Run not found"));
        TestUsers.viewer().when().get("/api/runs/no-such-run/upload/spec").then().statusCode(404)
                .contentType(containsString("application/problem+json"));
    }
}
