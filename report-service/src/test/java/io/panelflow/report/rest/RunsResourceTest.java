package io.panelflow.report.rest;

import io.panelflow.frame.PanelFrame;
import io.panelflow.model.RunStatus;
import io.panelflow.model.Stage;
import io.panelflow.model.Topics;
import io.panelflow.model.event.DataProvenance;
import io.panelflow.model.event.EstimatesCompleted;
import io.panelflow.model.event.IndicesComputed;
import io.panelflow.model.event.PanelCleaned;
import io.panelflow.model.event.RunStatusChanged;
import io.panelflow.model.result.Coefficient;
import io.panelflow.model.result.DataQualityReport;
import io.panelflow.model.result.DescriptiveStatistic;
import io.panelflow.model.result.DroppedRows;
import io.panelflow.model.result.FixedEffectInfo;
import io.panelflow.model.result.IndexResult;
import io.panelflow.model.result.IndexValue;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.result.StudyResults;
import io.panelflow.model.result.VcovInfo;
import io.panelflow.model.spec.SpecReader;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.service.EventCodec;
import io.panelflow.service.EventJson;
import io.panelflow.testing.KafkaBrokerResource;
import io.panelflow.testing.PostgresDatabaseResource;
import io.panelflow.testing.TopicClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.panelflow.testing.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report service follows the topics, keeps run status, renders documents once and serves them. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class RunsResourceTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EventCodec codec;

    static final StudySpec SPEC = SpecReader.read("""
            name: report-test
            data: {description: generated for a test, synthetic: true}
            panel: {unit: province, time: year}
            indices:
              - {name: DI, method: entropy, indicators: [{column: a}, {column: b}]}
            models:
              - {id: baseline, formula: "y ~ DI | province + year"}
            """);

    void send(TopicClient topics, String topic, String runId, Object payload) {
        topics.send(topic, runId, codec.encode(runId, topic, payload), Map.of());
    }

    static ModelResult model() {
        return new ModelResult("baseline", "baseline", "(1)", "y ~ DI | province + year", "y", 60,
                new DroppedRows(0, 0), List.of(new FixedEffectInfo("province", 6), new FixedEffectInfo("year", 10)),
                new VcovInfo("cluster", List.of("province"), List.of(6), null, "G/(G-1) (N-1)/(N-K)"),
                List.of(new Coefficient("DI", 0.42, 0.1, 4.2, 0.008, 0.16, 0.68)),
                0.9, 0.88, 0.3, 0.05, Map.of(), List.of());
    }

    @Test
    void aRunFedByEveryTopicCompletesWithItsDocumentsOnce() {
        String runId = UUID.randomUUID().toString();
        PanelFrame panel = new PanelFrame("province", "year", null, Map.of())
                .withText("province", new String[]{"A", "A"}).withNumeric("year", new double[]{2020, 2021});
        try (TopicClient topics = new TopicClient(bootstrap)) {
            send(topics, Topics.RUN_STATUS, runId, new RunStatusChanged(runId, Stage.INGEST, RunStatus.ACCEPTED, null, Instant.now()));
            send(topics, Topics.PANEL_CLEANED, runId, new PanelCleaned(runId, SPEC, panel.toTable(),
                    new DataQualityReport(2, 1, 2, "2020", "2021", true, 0, List.of(),
                            List.of(new DescriptiveStatistic("y", 2, 1.5, 0.7, 1, 1.5, 2)), List.of()),
                    new DataProvenance("panel.csv", "ab".repeat(32), 10, "cd".repeat(32), Instant.now(), "test")));
            send(topics, Topics.INDICES_COMPUTED, runId, new IndicesComputed(runId, SPEC, panel.toTable(), null,
                    List.of(new IndexResult("DI", "entropy", "pooled", Map.of("a", 0.4, "b", 0.6), Map.of(),
                            List.of(new IndexValue("A", "2020", 0.2), new IndexValue("A", "2021", 0.7)))), List.of()));
            send(topics, Topics.ESTIMATES_COMPLETED, runId, new EstimatesCompleted(runId,
                    new StudyResults(runId, List.of(model()), List.of())));

            waitForStatus(runId, "COMPLETED");
            TestUsers.viewer().when().get("/api/runs/" + runId).then().statusCode(200)
                    .body("status", equalTo("COMPLETED")).body("name", equalTo("report-test"))
                    .body("formats", hasItems("html", "md", "tex", "docx", "csv", "json"))
                    .body("stages.stage", hasItem("REPORT"));
            TestUsers.viewer().when().get("/api/runs/" + runId + "/report?format=html").then().statusCode(200)
                    .contentType(containsString("text/html")).body(containsString("0.420"))
                    .body(containsString("synthetic"));
            byte[] docx = TestUsers.viewer().when().get("/api/runs/" + runId + "/report?format=docx").then().statusCode(200)
                    .extract().asByteArray();
            assertEquals('P', docx[0]);
            assertEquals('K', docx[1]);
            TestUsers.viewer().when().get("/api/runs/" + runId + "/results").then().statusCode(200)
                    .body("models[0].coefficients[0].term", equalTo("DI"));
            TestUsers.viewer().when().get("/api/runs/" + runId + "/provenance").then().statusCode(200)
                    .body("fileName", equalTo("panel.csv")).body("bytes", equalTo(10));
            TestUsers.viewer().when().get("/api/runs/" + runId + "/indices").then().statusCode(200)
                    .body("indices[0].name", equalTo("DI")).body("indices[0].values.size()", equalTo(2));
            TestUsers.viewer().when().get("/api/runs?size=200").then().statusCode(200).body("items.runId", hasItem(runId));
            TestUsers.viewer().when().get("/api/runs/" + runId + "/report?format=pdf").then().statusCode(400);

            // late and repeated statuses never move the run or a stage backwards (same partition: in order)
            send(topics, Topics.RUN_STATUS, runId, new RunStatusChanged(runId, Stage.ESTIMATION, RunStatus.COMPLETED, null, Instant.now()));
            send(topics, Topics.RUN_STATUS, runId, new RunStatusChanged(runId, Stage.ESTIMATION, RunStatus.RUNNING, null, Instant.now()));
            send(topics, Topics.RUN_STATUS, runId, new RunStatusChanged(runId, Stage.INGEST, RunStatus.ACCEPTED, null, Instant.now()));
            send(topics, Topics.RUN_STATUS, runId, new RunStatusChanged(runId, Stage.INDEX, RunStatus.COMPLETED, null, Instant.now()));
            waitForStage(runId, "INDEX", "COMPLETED");
            TestUsers.viewer().when().get("/api/runs/" + runId).then().statusCode(200).body("status", equalTo("COMPLETED"))
                    .body("stages.find { it.stage == 'ESTIMATION' }.status", equalTo("COMPLETED"))
                    .body("stages.find { it.stage == 'REPORT' }.status", equalTo("COMPLETED"));

            // a redelivered estimates event rebuilds nothing and publishes no second reports-ready
            send(topics, Topics.ESTIMATES_COMPLETED, runId, new EstimatesCompleted(runId,
                    new StudyResults(runId, List.of(model()), List.of())));
            var ready = topics.readKey(Topics.REPORTS_READY, runId, 2, Duration.ofSeconds(10));
            assertEquals(1, ready.size(), "one reports-ready per run");
            assertEquals("panelflow.reports.ready.v1", TopicClient.header(ready.get(0), "ce_type"));
        }
    }

    @Test
    void aFailedStageFailsTheRunWithItsReason() {
        String runId = UUID.randomUUID().toString();
        try (TopicClient topics = new TopicClient(bootstrap)) {
            send(topics, Topics.RUN_STATUS, runId, new RunStatusChanged(runId, Stage.ESTIMATION, RunStatus.FAILED,
                    "model baseline: regressor 'x' is collinear", Instant.now()));
            waitForStatus(runId, "FAILED");
            TestUsers.viewer().when().get("/api/runs/" + runId).then().statusCode(200)
                    .body("error", containsString("collinear"));
            // a failed run's report never comes: 409 with the reason, not "not ready" forever
            TestUsers.viewer().when().get("/api/runs/" + runId + "/report?format=html").then().statusCode(409)
                    .contentType(containsString("application/problem+json"))
                    .body("title", equalTo("Run failed")).body("detail", containsString("collinear"));
            TestUsers.viewer().when().get("/api/runs/" + runId + "/report?format=pdf").then().statusCode(400)
                    .body("detail", containsString("html, md, tex, docx, csv, json"));
            // what no stage delivered is not ready, named as such
            TestUsers.viewer().when().get("/api/runs/" + runId + "/results").then().statusCode(409)
                    .body("title", equalTo("Not ready")).body("detail", containsString("the results of run"));
            TestUsers.viewer().when().get("/api/runs/" + runId + "/provenance").then().statusCode(409)
                    .body("title", equalTo("Not ready")).body("detail", containsString("the provenance of run"));
            // its bundle still needs the upload: with the ingest service unreachable, a problem body (no half zip)
            TestUsers.viewer().when().get("/api/runs/" + runId + "/bundle").then().statusCode(502)
                    .contentType(containsString("application/problem+json"))
                    .body("title", equalTo("Upload not available")).body("detail", containsString("could not be reached"));
            // a late RUNNING does not revive it
            send(topics, Topics.RUN_STATUS, runId, new RunStatusChanged(runId, Stage.ESTIMATION, RunStatus.RUNNING, null, Instant.now()));
            send(topics, Topics.RUN_STATUS, runId, new RunStatusChanged(runId, Stage.INDEX, RunStatus.COMPLETED, null, Instant.now()));
            waitForStage(runId, "INDEX", "COMPLETED");
            TestUsers.viewer().when().get("/api/runs/" + runId).then().statusCode(200).body("status", equalTo("FAILED"))
                    .body("stages.find { it.stage == 'ESTIMATION' }.status", equalTo("FAILED"));
        }
    }

    @Test
    void aReportThatCannotBeRenderedFailsTheRunAndPublishesWhy() {
        String runId = UUID.randomUUID().toString();
        PanelFrame panel = new PanelFrame("province", "year", null, Map.of())
                .withText("province", new String[]{"A"}).withNumeric("year", new double[]{2020});
        try (TopicClient topics = new TopicClient(bootstrap)) {
            send(topics, Topics.PANEL_CLEANED, runId, new PanelCleaned(runId, SPEC, panel.toTable(),
                    new DataQualityReport(1, 1, 1, "2020", "2020", true, 0, List.of(), List.of(), List.of()),
                    new DataProvenance("panel.csv", "ab".repeat(32), 10, "cd".repeat(32), Instant.now(), "test")));
            send(topics, Topics.INDICES_COMPUTED, runId, new IndicesComputed(runId, SPEC, panel.toTable(), null, List.of(), List.of()));
            // a model without its id: the tables cannot be laid out
            ModelResult broken = new ModelResult(null, "baseline", "(1)", "y ~ DI", "y", 60, null, null, null, null,
                    null, null, null, null, null, null);
            send(topics, Topics.ESTIMATES_COMPLETED, runId, new EstimatesCompleted(runId, new StudyResults(runId, List.of(broken), null)));
            waitForStatus(runId, "FAILED");
            TestUsers.viewer().when().get("/api/runs/" + runId).then().statusCode(200)
                    .body("error", containsString("report stage: the report could not be rendered: a value the report needs is missing"))
                    .body("stages.find { it.stage == 'REPORT' }.status", equalTo("FAILED"));
            var failed = topics.readKey(Topics.RUN_STATUS, runId, 1, Duration.ofSeconds(30)).stream()
                    .map(r -> EventJson.read(r.value(), RunStatusChanged.class)).toList();
            assertEquals(1, failed.size(), "REPORT FAILED published: " + failed);
            assertEquals(Stage.REPORT, failed.get(0).stage());
            assertEquals(RunStatus.FAILED, failed.get(0).status());
            assertTrue(failed.get(0).reason().startsWith("the report could not be rendered: "), failed.get(0).reason());
            assertEquals(0, topics.readKey(Topics.REPORTS_READY, runId, 1, Duration.ofSeconds(2)).size(), "no reports-ready");
        }
    }

    @Test
    void anUnknownRunIs404WithAProblemBody() {
        TestUsers.viewer().when().get("/api/runs/no-such-run").then().statusCode(404)
                .contentType(containsString("application/problem+json")).body("title", equalTo("Run not found"));
    }

    @Test
    void eachStageShowsWhenItStartedAndHowLongItTook() {
        String runId = UUID.randomUUID().toString();
        Instant started = Instant.parse("2026-01-05T10:00:00Z");
        try (TopicClient topics = new TopicClient(bootstrap)) {
            send(topics, Topics.RUN_STATUS, runId, new RunStatusChanged(runId, Stage.INGEST, RunStatus.RUNNING, null, started));
            send(topics, Topics.RUN_STATUS, runId, new RunStatusChanged(runId, Stage.INGEST, RunStatus.COMPLETED, null,
                    started.plusMillis(1500)));
            send(topics, Topics.RUN_STATUS, runId, new RunStatusChanged(runId, Stage.INDEX, RunStatus.RUNNING, null,
                    started.plusSeconds(2)));
            waitForStage(runId, "INDEX", "RUNNING");
            TestUsers.viewer().when().get("/api/runs/" + runId).then().statusCode(200)
                    .body("stages.find { it.stage == 'INGEST' }.seconds", equalTo(1.5f))
                    .body("stages.find { it.stage == 'INGEST' }.startedAt", equalTo("2026-01-05T10:00:00Z"))
                    .body("stages.find { it.stage == 'INGEST' }.finishedAt", equalTo("2026-01-05T10:00:01.500Z"))
                    .body("stages.find { it.stage == 'INDEX' }.startedAt", equalTo("2026-01-05T10:00:02Z"))
                    .body("stages.find { it.stage == 'INDEX' }.seconds", equalTo(null));
        }
    }

    static void waitForStage(String runId, String stage, String status) {
        long end = System.nanoTime() + WAIT.toNanos();
        String last = null;
        while (System.nanoTime() < end) {
            var r = TestUsers.viewer().when().get("/api/runs/" + runId);
            if (r.statusCode() == 200) {
                last = r.jsonPath().getString("stages.find { it.stage == '" + stage + "' }.status");
                if (status.equals(last)) {
                    return;
                }
            }
            sleep(250);
        }
        assertTrue(false, "stage " + stage + " of run " + runId + " did not reach " + status + " (last " + last + ")");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void waitForStatus(String runId, String status) {
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
        assertTrue(false, "run " + runId + " did not reach " + status + " (last " + last + ")");
    }
}
