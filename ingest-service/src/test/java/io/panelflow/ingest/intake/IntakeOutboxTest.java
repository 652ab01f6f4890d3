package io.panelflow.ingest.intake;

import io.panelflow.testing.TestUsers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.panelflow.ingest.messaging.OutboxRelay;
import io.panelflow.ingest.persistence.IntakeOutbox;
import io.panelflow.ingest.persistence.OutboxEntry;
import io.panelflow.model.EventTypes;
import io.panelflow.model.RunStatus;
import io.panelflow.model.Stage;
import io.panelflow.model.Topics;
import io.panelflow.model.event.PanelCleaned;
import io.panelflow.model.event.RunStatusChanged;
import io.panelflow.service.ClaimCheckStore;
import io.panelflow.service.EventCodec;
import io.panelflow.service.EventJson;
import io.panelflow.testing.InjectKafkaBroker;
import io.panelflow.testing.KafkaBroker;
import io.panelflow.testing.KafkaBrokerResource;
import io.panelflow.testing.PostgresDatabaseResource;
import io.panelflow.testing.TopicClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The intake outbox against a real broker and database: uploads accepted while the broker is
 * down and published exactly once when it is back; a relay that dies between the broker's
 * acknowledgement and the mark sends again (same {@code ce_id}); the trace context travels.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
public class IntakeOutboxTest {
    static final String SPEC = """
            name: outbox-test
            panel: {unit: province, time: year}
            indices:
              - name: DI
                method: entropy
                indicators: [{column: ports}, {column: cable}]
            models:
              - {id: baseline, formula: "y ~ DI | province + year"}
            """;

    static final String CSV = """
            province,year,ports,cable,y
            Anhui,2019,1.5,20,0.3
            Anhui,2020,1.7,22,0.4
            Hebei,2019,2.5,10,0.2
            Hebei,2020,2.7,12,0.25
            """;

    @InjectKafkaBroker
    KafkaBroker broker;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EventCodec codec;

    @Inject
    MeterRegistry metrics;

    @Inject
    OutboxRelay relay;

    @Inject
    ClaimCheckStore claimChecks;

    @Inject
    PrometheusMeterRegistry prometheus;

    @Inject
    DataSource dataSource;

    @Test
    void withTheBrokerDownFiftyConcurrentUploadsAreAcceptedAndEachPublishedExactlyOnceWhenItIsBack() throws Exception {
        assertNotNull(broker, "the test resource injects its broker");
        int runs = 50;
        List<String> runIds;
        broker.kill();
        try {
            ExecutorService clients = Executors.newFixedThreadPool(10);
            long t0 = System.nanoTime();
            try {
                List<Future<String>> answers = new java.util.ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    answers.add(clients.submit(IntakeOutboxTest::upload));
                }
                runIds = new java.util.ArrayList<>();
                for (Future<String> a : answers) {
                    runIds.add(a.get(60, TimeUnit.SECONDS));
                }
            } finally {
                clients.shutdownNow();
            }
            long acceptMillis = (System.nanoTime() - t0) / 1_000_000;
            System.err.printf("[outbox] %d concurrent uploads with the broker down: %d answered 202 in %d ms%n",
                    runs, runIds.size(), acceptMillis);

            List<OutboxEntry> rows = rows(runIds.get(0));
            assertEquals(List.of(Topics.RUN_STATUS, Topics.PANEL_CLEANED, Topics.RUN_STATUS), rows.stream().map(r -> r.topic).toList(),
                    "the ingest's RUNNING, the cleaned panel, then the ingest's COMPLETED");
            Thread.sleep(3000);
            for (String runId : runIds) {
                assertTrue(rows(runId).stream().allMatch(r -> r.publishedAt == null), "nothing published while the broker is down");
            }
            assertTrue(metrics.get("panelflow.outbox.pending").gauge().value() >= 2 * runs, "the backlog gauge counts them");
            assertTrue(metrics.get("panelflow.outbox.oldest.pending.age").gauge().value() >= 1, "and ages");
        } finally {
            broker.restart();
        }
        long t1 = System.nanoTime();
        for (String runId : runIds) {
            awaitPublished(runId, Duration.ofSeconds(180));
        }
        System.err.printf("[outbox] all %d runs published %d ms after the broker was back%n", runs, (System.nanoTime() - t1) / 1_000_000);

        try (TopicClient topics = new TopicClient(bootstrap)) {
            // read on for a while after the copies arrived: a second one of any run would show up
            List<ConsumerRecord<String, String>> cleaned = topics.read(Topics.PANEL_CLEANED, rs -> false, Duration.ofSeconds(8))
                    .stream().filter(r -> runIds.contains(r.key())).toList();
            List<ConsumerRecord<String, String>> status = topics.read(Topics.RUN_STATUS, rs -> false, Duration.ofSeconds(5))
                    .stream().filter(r -> runIds.contains(r.key())).toList();
            for (String runId : runIds) {
                List<ConsumerRecord<String, String>> c = cleaned.stream().filter(r -> runId.equals(r.key())).toList();
                List<ConsumerRecord<String, String>> st = status.stream().filter(r -> runId.equals(r.key())).toList();
                assertEquals(1, c.size(), "exactly one panel-cleaned of " + runId);
                assertEquals(2, st.size(), "exactly one RUNNING and one COMPLETED run-status of " + runId);
                assertEquals(EventTypes.PANEL_CLEANED, TopicClient.header(c.get(0), "ce_type"));
                assertEquals(RunStatus.RUNNING, EventJson.read(st.get(0).value(), RunStatusChanged.class).status());
                RunStatusChanged changed = EventJson.read(st.get(1).value(), RunStatusChanged.class);
                assertEquals(Stage.INGEST, changed.stage());
                assertEquals(RunStatus.COMPLETED, changed.status());
                assertTrue(c.get(0).timestamp() <= st.get(1).timestamp(), "panel-cleaned was sent before the COMPLETED status");
            }
            assertEquals("outbox-test", codec.decode(cleaned.get(0).value(), PanelCleaned.class).spec().name());
        }
        awaitBacklogGauge(0);
    }

    @Test
    void aRelayDyingBetweenSendAndMarkSendsTheRecordAgainWithTheSameEventId() {
        AtomicInteger crashes = new AtomicInteger();
        QuarkusMock.installMockForType(new IntakeOutbox() {
            @Override
            public void markPublished(OutboxEntry e) {
                if (Topics.PANEL_CLEANED.equals(e.topic) && crashes.getAndIncrement() == 0) {
                    // as a crash after the broker's acknowledgement: the relay's transaction is rolled back
                    throw new IllegalStateException("relay died before marking outbox row " + e.id);
                }
                super.markPublished(e);
            }
        }, IntakeOutbox.class);

        String runId = upload();
        awaitPublished(runId, Duration.ofSeconds(60));
        assertTrue(crashes.get() >= 1, "the relay crashed once");
        try (TopicClient topics = new TopicClient(bootstrap)) {
            List<ConsumerRecord<String, String>> cleaned = topics.readKey(Topics.PANEL_CLEANED, runId, 2, Duration.ofSeconds(30));
            assertEquals(2, cleaned.size(), "sent, not marked, sent again");
            assertEquals(TopicClient.header(cleaned.get(0), "ce_id"), TopicClient.header(cleaned.get(1), "ce_id"),
                    "a repeat carries the same event id");
            assertEquals(codec.decode(cleaned.get(0).value(), PanelCleaned.class).provenance().sha256(),
                    codec.decode(cleaned.get(1).value(), PanelCleaned.class).provenance().sha256());
            List<ConsumerRecord<String, String>> completed = topics.readKey(Topics.RUN_STATUS, runId, 3, Duration.ofSeconds(15))
                    .stream().filter(r -> EventJson.read(r.value(), RunStatusChanged.class).status() == RunStatus.COMPLETED)
                    .toList();
            assertEquals(1, completed.size(), "one COMPLETED");
            assertTrue(cleaned.get(1).timestamp() <= completed.get(0).timestamp(), "the COMPLETED status still follows the panel");
        }
    }

    @Test
    void theUploadsTraceContextTravelsAsTheTraceparentHeader() {
        String runId = "trace-" + UUID.randomUUID();
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String value = EventJson.text(new RunStatusChanged(runId, Stage.INGEST, RunStatus.COMPLETED, null, Instant.now()));
        QuarkusTransaction.requiringNew().run(() -> new IntakeOutbox()
                .append(runId, Topics.RUN_STATUS, EventTypes.RUN_STATUS, value, Instant.now(), traceparent));
        relay.nudge();
        awaitPublished(runId, Duration.ofSeconds(30));
        try (TopicClient topics = new TopicClient(bootstrap)) {
            ConsumerRecord<String, String> record = topics.readKey(Topics.RUN_STATUS, runId, 1, Duration.ofSeconds(30)).get(0);
            // the record continues the upload's trace: same trace id (the span id is the publish's own when
            // the connector's instrumentation writes the header)
            assertEquals(traceparent.split("-")[1], TopicClient.header(record, "traceparent").split("-")[1]);
            assertEquals(runId, TopicClient.header(record, "ce_subject"));
        }
        String untraced = upload();
        awaitPublished(untraced, Duration.ofSeconds(30));
        assertNull(rows(untraced).get(0).traceparent, "traces off (quarkus.otel.sdk.disabled): no span, no traceparent");
    }

    @Test
    void aClaimCheckedPayloadWrittenInTheUploadsTransactionIsGoneWhenItRollsBack() throws Exception {
        claimChecks.ensureReady();
        long before = claimCheckedPayloads();
        byte[] large = ("\"" + "x".repeat(400_000) + "\"").getBytes(StandardCharsets.UTF_8);
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                String envelope = codec.encodeJson("rolled-back-run", Topics.PANEL_CLEANED, large);
                assertTrue(envelope.contains("claimCheck"), "large enough to be claim-checked");
                throw new IllegalStateException("the upload's transaction fails after the payload was written");
            });
            fail("the transaction should have failed");
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertEquals(before, claimCheckedPayloads(), "no payload left behind by a rolled-back upload");
    }

    private long claimCheckedPayloads() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from claimcheck.payload")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void twoRelaysShareTheOutboxWithoutEverHoldingTheSameRun() throws Exception {
        // this instance's own relay stands aside: the test plays two relays (two replicas)
        QuarkusMock.installMockForType(new IntakeOutbox() {
            @Override
            public List<OutboxEntry> lockPending(int max) {
                return Thread.currentThread().getName().equals("outbox-relay") ? List.of() : super.lockPending(max);
            }
        }, IntakeOutbox.class);
        String runA = "replica-a-" + UUID.randomUUID();
        String runB = "replica-b-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            for (String run : List.of(runA, runB)) {
                for (RunStatus s : List.of(RunStatus.RUNNING, RunStatus.COMPLETED)) {
                    new IntakeOutbox().append(run, Topics.RUN_STATUS, EventTypes.RUN_STATUS,
                            EventJson.text(new RunStatusChanged(run, Stage.INGEST, s, null, Instant.now())), Instant.now(), null);
                }
            }
        });
        CountDownLatch firstHolds = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService otherReplica = Executors.newSingleThreadExecutor();
        try {
            Future<List<String>> first = otherReplica.submit(() -> QuarkusTransaction.requiringNew().call(() -> {
                List<OutboxEntry> held = new IntakeOutbox().lockPending(1);
                firstHolds.countDown();
                release.await(30, TimeUnit.SECONDS);
                return held.stream().map(e -> e.runId + "/" + e.id).toList();
            }));
            assertTrue(firstHolds.await(30, TimeUnit.SECONDS));
            List<OutboxEntry> second = QuarkusTransaction.requiringNew()
                    .call(() -> new IntakeOutbox().lockPending(100));
            release.countDown();
            List<String> firstRuns = first.get(30, TimeUnit.SECONDS);
            assertEquals(1, firstRuns.size());
            assertTrue(firstRuns.get(0).startsWith(runA), "the first relay holds run A's first row: " + firstRuns);
            assertEquals(List.of(runB, runB), second.stream().map(e -> e.runId).toList(),
                    "the second skips the locked row and run A's later row, and takes run B whole");
        } finally {
            release.countDown();
            otherReplica.shutdownNow();
            QuarkusTransaction.requiringNew().run(() ->
                    OutboxEntry.update("publishedAt = ?1 where runId in ?2", Instant.now(), List.of(runA, runB)));
        }
    }

    @Test
    void theBacklogIsExposedUnderItsPrometheusNames() {
        String scrape = prometheus.scrape();
        assertTrue(scrape.contains("\npanelflow_outbox_pending "), "panelflow_outbox_pending in the scrape");
        assertTrue(scrape.contains("\npanelflow_outbox_oldest_pending_age_seconds "),
                "panelflow_outbox_oldest_pending_age_seconds in the scrape");
    }

    @Test
    void publishedRowsArePurgedAfterTheRetentionPendingRowsNever() {
        String run = "purge-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            IntakeOutbox outbox = new IntakeOutbox();
            OutboxEntry old = outbox.append(run, Topics.RUN_STATUS, EventTypes.RUN_STATUS, "{}", Instant.now(), null);
            old.publishedAt = Instant.now().minus(Duration.ofDays(8));
            outbox.append(run, Topics.RUN_STATUS, EventTypes.RUN_STATUS, "{}", Instant.now(), null).publishedAt = Instant.now();
        });
        int purged = QuarkusTransaction.requiringNew().call(() -> new IntakeOutbox().purgePublishedOlderThan(Duration.ofDays(7)));
        assertTrue(purged >= 1);
        assertEquals(1, rows(run).size(), "the recently published row stays");
    }

    static String upload() {
        return TestUsers.submitter().multiPart("data", "panel.csv", CSV.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("spec", "spec.yaml", SPEC.getBytes(StandardCharsets.UTF_8), "application/yaml")
                .when().post("/api/runs")
                .then().statusCode(202).body("status", equalTo("ACCEPTED"))
                .extract().path("runId");
    }

    static List<OutboxEntry> rows(String runId) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEntry.<OutboxEntry>list("runId = ?1 order by id", runId));
    }

    /** Waits until every outbox row of the run is marked published. */
    public static void awaitPublished(String runId, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            List<OutboxEntry> rows = rows(runId);
            if (!rows.isEmpty() && rows.stream().allMatch(r -> r.publishedAt != null)) {
                return;
            }
            sleep(200);
        }
        fail("outbox rows of run " + runId + " not published within " + timeout + ": "
                + rows(runId).stream().map(r -> r.topic + " attempts=" + r.attempts + " error=" + r.lastError).toList());
    }

    private void awaitBacklogGauge(double expected) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end && metrics.get("panelflow.outbox.pending").gauge().value() != expected) {
            sleep(200);
        }
        assertEquals(expected, metrics.get("panelflow.outbox.pending").gauge().value());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
