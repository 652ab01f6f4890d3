package io.panelflow.report.assembly;

import io.panelflow.model.RunStatus;
import io.panelflow.model.Stage;
import io.panelflow.model.Topics;
import io.panelflow.model.event.RunStatusChanged;
import io.panelflow.service.EventCodec;
import io.panelflow.service.EventJson;
import io.panelflow.testing.KafkaBrokerResource;
import io.panelflow.testing.PostgresDatabaseResource;
import io.panelflow.testing.TopicClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The watchdog, with deadlines of seconds: a run without progress becomes FAILED, published on run-status. */
@QuarkusTest
@TestProfile(RunWatchdogTest.ShortDeadlines.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class RunWatchdogTest {
    public static class ShortDeadlines implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("panelflow.watchdog.every", "1s", "panelflow.watchdog.delayed", "1s",
                    "panelflow.watchdog.accepted.deadline", "PT4S", "panelflow.watchdog.ingest.deadline", "PT4S",
                    "panelflow.watchdog.index.deadline", "PT4S", "panelflow.watchdog.estimation.deadline", "PT4S",
                    "panelflow.watchdog.report.deadline", "PT4S");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EventCodec codec;

    void status(TopicClient topics, String runId, Stage stage, RunStatus status) {
        topics.send(Topics.RUN_STATUS, runId, codec.encode(runId, Topics.RUN_STATUS,
                new RunStatusChanged(runId, stage, status, null, Instant.now())), Map.of());
    }

    @Test
    void aRunWithoutProgressFailsWithTheReasonAndALateCompletionDoesNotReviveIt() {
        String runId = UUID.randomUUID().toString();
        try (TopicClient topics = new TopicClient(bootstrap)) {
            status(topics, runId, Stage.INGEST, RunStatus.COMPLETED);
            status(topics, runId, Stage.INDEX, RunStatus.COMPLETED);
            status(topics, runId, Stage.ESTIMATION, RunStatus.RUNNING);
            // ... and then nothing: the estimation service is gone
            waitFor(runId, "FAILED");
            given().when().get("/api/runs/" + runId).then().statusCode(200)
                    .body("error", containsString("estimation stage: no progress in estimation for"))
                    .body("error", containsString("(deadline 4s)"))
                    .body("stages.find { it.stage == 'ESTIMATION' }.status", equalTo("FAILED"));

            var failed = topics.readKey(Topics.RUN_STATUS, runId, 4, Duration.ofSeconds(10)).stream()
                    .map(r -> EventJson.read(r.value(), RunStatusChanged.class))
                    .filter(e -> e.status() == RunStatus.FAILED).toList();
            assertEquals(1, failed.size(), "one FAILED published: " + failed);
            assertEquals(Stage.ESTIMATION, failed.get(0).stage());
            assertTrue(failed.get(0).reason().startsWith("no progress in estimation for"), failed.get(0).reason());

            // the estimation finishes late: the stage shows it, the run stays FAILED
            status(topics, runId, Stage.ESTIMATION, RunStatus.COMPLETED);
            long end = System.nanoTime() + WAIT.toNanos();
            String stage = null;
            while (!"COMPLETED".equals(stage) && System.nanoTime() < end) {
                stage = given().when().get("/api/runs/" + runId).jsonPath().getString("stages.find { it.stage == 'ESTIMATION' }.status");
            }
            assertEquals("COMPLETED", stage);
            given().when().get("/api/runs/" + runId).then().statusCode(200).body("status", equalTo("FAILED"))
                    .body("error", containsString("no progress in estimation"));
        }
    }

    @Test
    void theWatchdogCountsWhatItFailed() {
        String runId = UUID.randomUUID().toString();
        try (TopicClient topics = new TopicClient(bootstrap)) {
            status(topics, runId, Stage.INGEST, RunStatus.COMPLETED);
            waitFor(runId, "FAILED");
            given().when().get("/api/runs/" + runId).then().body("error", containsString("no progress in index"));
        }
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("panelflow_watchdog_failures_total{stage=\"index\"}"))
                .body(containsString("panelflow_runs_stuck"));
    }

    static void waitFor(String runId, String status) {
        long end = System.nanoTime() + WAIT.toNanos();
        String last = null;
        while (System.nanoTime() < end) {
            var r = given().when().get("/api/runs/" + runId);
            if (r.statusCode() == 200) {
                last = r.jsonPath().getString("status");
                if (status.equals(last)) {
                    return;
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("run " + runId + " did not reach " + status + " (last " + last + ")");
    }
}
