package io.panelflow.ingest.rest;

import io.panelflow.testing.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The service with its database unreachable (the datasource points at a closed port; no broker
 * either): uploads and reads are answered with a 503 problem body and Retry-After, through the
 * real Agroal, Hibernate and Narayana exception chains, and readiness is DOWN.
 */
@QuarkusTest
@TestProfile(DatabaseDownTest.Unreachable.class)
class DatabaseDownTest {

    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String closed = "127.0.0.1:" + closedPort();
            return Map.of(
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + closed + "/panelflow?currentSchema=ingest",
                    "quarkus.datasource.jdbc.acquisition-timeout", "3s",
                    "quarkus.flyway.migrate-at-start", "false",
                    "kafka.bootstrap.servers", closed);
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Inject
    SmallRyeHealthReporter health;

    @Test
    void anUploadIsRefusedWith503ProblemAndRetryAfter() {
        String body = TestUsers.submitter()
                .multiPart("data", "panel.csv", RunUploadResourceTest.CSV.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("spec", "spec.yaml", RunUploadResourceTest.SPEC.getBytes(StandardCharsets.UTF_8), "application/yaml")
                .when().post("/api/runs")
                .then().statusCode(503)
                .contentType(containsString("application/problem+json"))
                .header("Retry-After", equalTo("10"))
                .body("title", equalTo("Database unavailable"))
                .body("detail", containsString("no upload was stored"))
                .body("detail", containsString("retry"))
                .extract().asString();
        assertNoInternals(body);
    }

    @Test
    void readingAnUploadBackIsRefusedWith503Too() {
        String body = TestUsers.viewer().when().get("/api/runs/some-run/upload/data")
                .then().statusCode(503).header("Retry-After", equalTo("10"))
                .body("title", equalTo("Database unavailable"))
                .body("detail", containsString("cannot be read now"))
                .extract().asString();
        assertNoInternals(body);
    }

    @Test
    void aBadUploadIsStillA400SinceNothingNeedsTheDatabase() {
        TestUsers.submitter().multiPart("data", "panel.csv", RunUploadResourceTest.CSV.getBytes(StandardCharsets.UTF_8), "text/csv")
                .when().post("/api/runs")
                .then().statusCode(400).body("detail", containsString("'spec'"));
    }

    @Test
    void readinessIsDown() {
        SmallRyeHealth readiness = health.getReadiness();
        assertEquals("DOWN", readiness.getPayload().getString("status"), readiness.getPayload().toString());
    }

    private static void assertNoInternals(String body) {
        for (String leak : new String[]{"Exception", "org.", "java.", "at io.", "SQLState", "Agroal"}) {
            if (body.contains(leak)) {
                throw new AssertionError("the problem body shows internals (" + leak + "): " + body);
            }
        }
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
