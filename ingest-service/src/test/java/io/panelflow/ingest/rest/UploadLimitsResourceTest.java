package io.panelflow.ingest.rest;

import io.panelflow.testing.TestUsers;
import io.panelflow.ingest.persistence.UploadedRun;
import io.panelflow.ingest.upload.XlsxBomb;
import io.panelflow.testing.KafkaBrokerResource;
import io.panelflow.testing.PostgresDatabaseResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Upload limits over HTTP (the test profile sets panelflow.upload.max-bytes to 1 MiB): 413 problem bodies for a
 * file over the size limit (declared or measured) and a decompression bomb, 429 with Retry-After when every
 * upload permit is taken, and the service healthy and accepting afterwards.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class UploadLimitsResourceTest {
    @Inject
    io.smallrye.health.SmallRyeHealthReporter health;

    private static final String SPEC = RunUploadResourceTest.SPEC;
    private static final String CSV = RunUploadResourceTest.CSV;

    @Inject
    UploadAdmission admission;

    @ConfigProperty(name = "panelflow.upload.max-concurrent")
    int maxConcurrent;

    @TestHTTPResource("/api/runs")
    URL runs;

    @Test
    void aFileOverTheSizeLimitIsAnswered413WithAProblemBody() {
        StringBuilder big = new StringBuilder(CSV);
        while (big.length() <= 1024 * 1024 + 10) {
            big.append("Zhejiang,2030,east,1,1,1,1\n");
        }
        byte[] data = big.toString().getBytes(StandardCharsets.UTF_8);
        TestUsers.submitter().multiPart("data", "panel.csv", data, "text/csv")
                .multiPart("spec", "spec.yaml", SPEC.getBytes(StandardCharsets.UTF_8), "application/yaml")
                .when().post("/api/runs")
                .then().statusCode(413).time(lessThan(10_000L))
                .contentType(containsString("application/problem+json"))
                .body("title", equalTo("File too large"))
                .body("detail", equalTo("the uploaded file 'panel.csv' has " + data.length
                        + " bytes; the limit is 1048576 bytes (1.0 MiB, panelflow.upload.max-bytes)"));
    }

    @Test
    void aDeclaredLengthOverTheLimitIsAnsweredBeforeTheBodyIsSent() throws IOException {
        long declared = 2L * 1024 * 1024 * 1024;
        try (Socket socket = new Socket(runs.getHost(), runs.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/runs HTTP/1.1\r\nHost: " + runs.getHost() + "\r\n"
                    + "Authorization: " + TestUsers.SUBMITTER.authorization() + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: " + declared + "\r\n"
                    + "Expect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = readHead(socket.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.contains("application/problem+json"), response);
            assertTrue(response.contains("\"detail\":\"the request has 2147483648 bytes; the data file may have at most"
                    + " 1048576 bytes (panelflow.upload.max-bytes)"), response);
        }
    }

    @Test
    void aDecompressionBombIsRefusedAt413NamingTheLimit(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path bomb = XlsxBomb.write(dir.resolve("bomb.xlsx"), 200L * 1024 * 1024);
        assertTrue(Files.size(bomb) < 1024 * 1024, "under the file limit on disk: " + Files.size(bomb));
        long before = QuarkusTransaction.requiringNew().call(() -> UploadedRun.count());
        TestUsers.submitter().multiPart("data", bomb.toFile(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .multiPart("spec", "spec.yaml", SPEC.getBytes(StandardCharsets.UTF_8), "application/yaml")
                .when().post("/api/runs")
                .then().statusCode(413).time(lessThan(10_000L))
                .body("title", equalTo("Decompression bomb"))
                .body("detail", startsWith("the workbook's part xl/worksheets/sheet1.xml expands from "))
                .body("detail", containsString("(panelflow.upload.xlsx.min-inflate-ratio)"));
        assertEquals(before, (long) QuarkusTransaction.requiringNew().call(() -> UploadedRun.count()), "nothing stored");
        accepted();
    }

    @Test
    void uploadsBeyondTheConcurrencyLimitAreAnswered429WithRetryAfter() {
        int taken = admission.occupyAll();
        try {
            assertEquals(maxConcurrent, taken, "panelflow.upload.max-concurrent");
            TestUsers.submitter().multiPart("data", "panel.csv", CSV.getBytes(StandardCharsets.UTF_8), "text/csv")
                    .multiPart("spec", "spec.yaml", SPEC.getBytes(StandardCharsets.UTF_8), "application/yaml")
                    .when().post("/api/runs")
                    .then().statusCode(429).header("Retry-After", "5")
                    .contentType(containsString("application/problem+json"))
                    .body("title", equalTo("Too many uploads at once"))
                    .body("detail", equalTo(maxConcurrent + " uploads are being received or processed, the most this"
                            + " service takes at once (panelflow.upload.max-concurrent); send it again in 5 s"));
        } finally {
            admission.release(taken);
        }
        accepted();
        assertEquals(maxConcurrent, admission.available(), "every permit is back after the uploads ended");
    }

    @Test
    void theServiceStaysHealthyAfterTheRefusals() {
        for (int i = 0; i < 3; i++) {
            TestUsers.submitter().multiPart("data", "panel.csv", CSV.getBytes(StandardCharsets.UTF_8), "text/csv")
                    .multiPart("spec", "spec.yaml", SPEC.replace("method: entropy", "method: entropy-topsys")
                            .getBytes(StandardCharsets.UTF_8), "application/yaml")
                    .when().post("/api/runs").then().statusCode(400);
        }
        assertEquals("UP", health.getReadiness().getPayload().getString("status"), "readiness (on the management interface)");
        accepted();
        assertEquals(maxConcurrent, admission.available(), "no permit leaked by a refused upload");
    }

    private static void accepted() {
        TestUsers.submitter().multiPart("data", "panel.csv", CSV.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("spec", "spec.yaml", SPEC.getBytes(StandardCharsets.UTF_8), "application/yaml")
                .when().post("/api/runs")
                .then().statusCode(202);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        long end = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < end && (n = in.read(buffer)) > 0) {
            head.write(buffer, 0, n);
            String text = head.toString(StandardCharsets.UTF_8);
            if (text.contains("}")) {
                break;
            }
        }
        return head.toString(StandardCharsets.UTF_8);
    }
}
