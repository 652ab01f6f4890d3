package io.panelflow.system;

import io.panelflow.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

/**
 * The cost and upload limits of the packaged ingest service: a 2·10^9-draw wild bootstrap and a 10^9 threshold
 * bootstrap are refused at upload with 400, a decompression-bomb workbook with 413, each within seconds, and
 * the service is healthy afterwards.
 */
@ExtendWith(SharedStack.class)
class LimitsSystemTest {
    static PipelineStack stack;

    @BeforeAll
    static void up() {
        stack = SharedStack.get();
    }

    private static String spec() throws IOException {
        return Files.readString(stack.demoSpec(), StandardCharsets.UTF_8);
    }

    @Test
    void overLimitSpecsAndABombAreRefusedAtUploadAndIngestStaysHealthy() throws Exception {
        String wild = spec().replace("trim: 0.05, bootstrap: 300,", "trim: 0.05, bootstrap: 1000000000,");
        TestUsers.submitter().baseUri(stack.ingestUrl())
                .multiPart("data", stack.demoPanel().toFile(), "text/csv")
                .multiPart("spec", "spec.yaml", wild.getBytes(StandardCharsets.UTF_8), "application/yaml")
                .when().post("/api/runs")
                .then().statusCode(400).time(lessThan(10_000L))
                .body("detail", equalTo("threshold[0].bootstrap is 1000000000; the limit is 10000"
                        + " (panelflow.limits.threshold-bootstrap)"));
        String draws = spec().replace("draws: 9999", "draws: 2000000000");
        TestUsers.submitter().baseUri(stack.ingestUrl())
                .multiPart("data", stack.demoPanel().toFile(), "text/csv")
                .multiPart("spec", "spec.yaml", draws.getBytes(StandardCharsets.UTF_8), "application/yaml")
                .when().post("/api/runs")
                .then().statusCode(400).time(lessThan(10_000L))
                .body("detail", containsString("wild-bootstrap.draws is 2000000000; the limit is 100000"
                        + " (panelflow.limits.wild-bootstrap-draws)"));
        TestUsers.submitter().baseUri(stack.ingestUrl())
                .multiPart("data", "bomb.xlsx", bomb(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .multiPart("spec", "spec.yaml", spec().getBytes(StandardCharsets.UTF_8), "application/yaml")
                .when().post("/api/runs")
                .then().statusCode(413).time(lessThan(10_000L))
                .body("title", equalTo("Decompression bomb"))
                .body("detail", containsString("(panelflow.upload.xlsx.min-inflate-ratio)"));
        TestUsers.anonymous().when().get(stack.service("ingest-service").managementUrl() + "/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    /** A workbook whose sheet inflates from about 100 KiB to 100 MiB of blanks. */
    private static byte[] bomb() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
                    .getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] blanks = new byte[1024 * 1024];
            java.util.Arrays.fill(blanks, (byte) ' ');
            for (int i = 0; i < 100; i++) {
                zip.write(blanks);
            }
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
