package io.panelflow.report.assembly;

import io.panelflow.frame.PanelFrame;
import io.panelflow.testing.TestUsers;
import io.panelflow.model.RunStatus;
import io.panelflow.model.Stage;
import io.panelflow.model.Topics;
import io.panelflow.model.event.DataProvenance;
import io.panelflow.model.event.EstimatesCompleted;
import io.panelflow.model.event.IndicesComputed;
import io.panelflow.model.event.PanelCleaned;
import io.panelflow.model.event.RunStatusChanged;
import io.panelflow.model.result.DataQualityReport;
import io.panelflow.model.result.StudyResults;
import io.panelflow.model.result.Coefficient;
import io.panelflow.model.result.DroppedRows;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.result.VcovInfo;
import io.panelflow.model.spec.SpecReader;
import io.panelflow.model.spec.StudySpec;
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

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
    /** what /q/metrics (on the management interface) serves */
    @Inject
    io.micrometer.prometheus.PrometheusMeterRegistry prometheus;

    public static class ShortDeadlines implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("panelflow.watchdog.every", "1s", "panelflow.watchdog.delayed", "1s",
                    "panelflow.watchdog.accepted.deadline", "PT4S", "panelflow.watchdog.ingest.deadline", "PT4S",
                    "panelflow.watchdog.index.deadline", "PT4S", "panelflow.watchdog.estimation.deadline", "PT4S",
                    "panelflow.watchdog.report.deadline", "PT60S", "panelflow.report.claim-stale-after", "PT3S");
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
            TestUsers.viewer().when().get("/api/runs/" + runId).then().statusCode(200)
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
                stage = TestUsers.viewer().when().get("/api/runs/" + runId).jsonPath().getString("stages.find { it.stage == 'ESTIMATION' }.status");
            }
            assertEquals("COMPLETED", stage);
            TestUsers.viewer().when().get("/api/runs/" + runId).then().statusCode(200).body("status", equalTo("FAILED"))
                    .body("error", containsString("no progress in estimation"));
        }
    }

    @Test
    void theWatchdogCountsWhatItFailed() {
        String runId = UUID.randomUUID().toString();
        try (TopicClient topics = new TopicClient(bootstrap)) {
            status(topics, runId, Stage.INGEST, RunStatus.COMPLETED);
            waitFor(runId, "FAILED");
            TestUsers.viewer().when().get("/api/runs/" + runId).then().body("error", containsString("no progress in index"));
        }
        String metrics = prometheus.scrape();
        org.hamcrest.MatcherAssert.assertThat(metrics, containsString("panelflow_watchdog_failures_total{stage=\"index\""));
        org.hamcrest.MatcherAssert.assertThat(metrics, containsString("panelflow_runs_stuck"));
    }

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    static final StudySpec SPEC = SpecReader.read("""
            name: watchdog-test
            data: {description: generated for a test, synthetic: true}
            panel: {unit: province, time: year}
            models:
              - {id: baseline, formula: "y ~ DI | province + year"}
            """);

    static final ModelResult MODEL = new ModelResult("baseline", "baseline", "(1)", "y ~ DI | province + year", "y", 60,
            new DroppedRows(0, 0), List.of(), new VcovInfo("iid", List.of(), List.of(), null, "none"),
            List.of(new Coefficient("DI", 0.42, 0.1, 4.2, 0.008, 0.16, 0.68)), 0.9, 0.88, 0.3, 0.05, Map.of(), List.of());

    /** A run whose three inputs are in: it completes and announces its report once. */
    String completedRun(TopicClient topics) {
        String runId = UUID.randomUUID().toString();
        PanelFrame panel = new PanelFrame("province", "year", null, Map.of())
                .withText("province", new String[]{"A", "A"}).withNumeric("year", new double[]{2020, 2021});
        topics.send(Topics.PANEL_CLEANED, runId, codec.encode(runId, Topics.PANEL_CLEANED, new PanelCleaned(runId,
                SPEC, panel.toTable(), new DataQualityReport(2, 1, 2, "2020", "2021", true, 0, List.of(),
                List.of(), List.of()), new DataProvenance("panel.csv", "ab".repeat(32), 10, "cd".repeat(32), Instant.now(), "test"))), Map.of());
        topics.send(Topics.INDICES_COMPUTED, runId, codec.encode(runId, Topics.INDICES_COMPUTED, new IndicesComputed(runId,
                SPEC, panel.toTable(), null, List.of(), List.of())), Map.of());
        topics.send(Topics.ESTIMATES_COMPLETED, runId, codec.encode(runId, Topics.ESTIMATES_COMPLETED,
                new EstimatesCompleted(runId, new StudyResults(runId, List.of(MODEL), List.of()))), Map.of());
        waitFor(runId, "COMPLETED");
        assertEquals(1, topics.readKey(Topics.REPORTS_READY, runId, 2, Duration.ofSeconds(3)).size());
        return runId;
    }

    void sql(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.executeUpdate(statement);
            }
        }
    }

    @Test
    void aReplicaThatCrashedAfterClaimingTheReportIsTakenOverAndTheReportBuiltAndAnnounced() throws Exception {
        try (TopicClient topics = new TopicClient(bootstrap)) {
            String runId = completedRun(topics);
            // the state a crash leaves between the claim and storing the documents
            sql("delete from report_document where run_id = '" + runId + "'",
                    "update run_stage set status = 'RUNNING' where run_id = '" + runId + "' and stage = 'REPORT'",
                    "update report_run set status = 'RUNNING', documents_built = false, reports_published = false, "
                            + "finish_claimed_at = now() - interval '1 minute', progress_at = now() where run_id = '" + runId + "'");
            waitFor(runId, "COMPLETED");
            TestUsers.viewer().when().get("/api/runs/" + runId + "/report?format=html").then().statusCode(200);
            assertEquals(2, topics.readKey(Topics.REPORTS_READY, runId, 3, Duration.ofSeconds(15)).size(),
                    "announced again after the crash (the first one was before it)");
        }
    }

    @Test
    void aReplicaThatCrashedAfterStoringTheDocumentsIsTakenOverAndTheReportAnnounced() throws Exception {
        try (TopicClient topics = new TopicClient(bootstrap)) {
            String runId = completedRun(topics);
            // the state a crash leaves between storing the documents and announcing them
            sql("update report_run set reports_published = false, finish_claimed_at = now() - interval '1 minute' "
                    + "where run_id = '" + runId + "'");
            assertEquals(2, topics.readKey(Topics.REPORTS_READY, runId, 2, Duration.ofSeconds(30)).size(),
                    "reports-ready published by the watchdog");
            long end = System.nanoTime() + WAIT.toNanos();
            boolean published = false;
            while (!published && System.nanoTime() < end) {
                try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("select reports_published from report_run where run_id = '" + runId + "'")) {
                    rs.next();
                    published = rs.getBoolean(1);
                }
            }
            assertTrue(published, "marked published");
            assertEquals(2, topics.readKey(Topics.REPORTS_READY, runId, 3, Duration.ofSeconds(5)).size(), "and only once more");
        }
    }

    static void waitFor(String runId, String status) {
        long end = System.nanoTime() + WAIT.toNanos();
        String last = null;
        while (System.nanoTime() < end) {
            var r = TestUsers.viewer().when().get("/api/runs/" + runId);
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
