package io.panelflow.index.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.panelflow.index.persistence.IndexRun;
import io.panelflow.model.EventTypes;
import io.panelflow.model.Stage;
import io.panelflow.model.Topics;
import io.panelflow.service.EventCodec;
import io.panelflow.service.EventJson;
import io.panelflow.service.RunClaims;
import io.panelflow.service.StageExecution;
import io.panelflow.testing.KafkaBrokerResource;
import io.panelflow.testing.PostgresDatabaseResource;
import io.panelflow.testing.TopicClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The delivery policy and run claims on a real broker and database: a transient database failure is
 * retried and the run completes once; an Error thrown by a computation publishes FAILED; two replicas
 * claiming one run compute it once; a dead replica's claim is taken over.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class DeliveryPolicyTest {
    /** what /q/metrics (on the management interface) serves */
    @Inject
    io.micrometer.prometheus.PrometheusMeterRegistry prometheus;

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EventCodec codec;

    @Inject
    StageExecution stage;

    @Inject
    RunClaims claims;

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Inject
    io.smallrye.reactive.messaging.kafka.KafkaClientService kafkaClients;

    @Inject
    @Channel("indices-computed-out")
    MutinyEmitter<String> out;

    TopicClient topics;

    @BeforeEach
    void connect() {
        topics = new TopicClient(bootstrap);
    }

    @AfterEach
    void disconnect() {
        topics.close();
    }

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private double retries() {
        Counter c = registry.find("panelflow.stage.retries").tag("stage", "index").counter();
        return c == null ? 0 : c.count();
    }

    private List<String> states(String runId, int atLeast) {
        return topics.readKey(Topics.RUN_STATUS, runId, atLeast, WAIT).stream()
                .map(r -> EventJson.read(r.value(), JsonNode.class).get("status").asText()).toList();
    }

    /**
     * The transient failure: the index stage's output table is renamed away in the test's own database
     * while the run arrives (every read and write of it fails as a database error would), and renamed
     * back after the consumer has retried a few times.
     */
    @Test
    void aTransientDatabaseFailureIsRetriedAndTheRunCompletesExactlyOnce() throws Exception {
        String runId = UUID.randomUUID().toString();
        double retriesBefore = retries();
        sql("alter table index.index_run rename to index_run_away");
        try {
            topics.send(Topics.PANEL_CLEANED, runId, codec.encode(runId, Topics.PANEL_CLEANED,
                    PanelCleanedConsumerTest.event(runId, PanelCleanedConsumerTest.spec("b"), 6, 5, 0)), Map.of());
            long end = System.nanoTime() + WAIT.toNanos();
            while (retries() < retriesBefore + 3 && System.nanoTime() < end) {
                Thread.sleep(200);
            }
            assertTrue(retries() >= retriesBefore + 3, "the consumer retried while the table was away");
        } finally {
            sql("alter table index.index_run_away rename to index_run");
        }
        List<ConsumerRecord<String, String>> computed = topics.readKey(Topics.INDICES_COMPUTED, runId, 1, WAIT);
        assertEquals(1, computed.size(), "one indices-computed record");
        assertEquals(1L, (long) QuarkusTransaction.requiringNew().call(() -> IndexRun.count("runId", runId)));
        List<String> states = states(runId, 2);
        assertEquals(List.of("RUNNING", "COMPLETED"), states, "computed once, completed once");
        assertEquals(RunClaims.State.DONE, claims.state(runId, Stage.INDEX));
        // nothing dead-lettered for it, and no second record arrives later
        Thread.sleep(2000);
        assertEquals(1, topics.readKey(Topics.INDICES_COMPUTED, runId, 2, Duration.ofSeconds(3)).size());
        assertTrue(topics.readKey(Topics.DEAD_LETTER, runId, 1, Duration.ofSeconds(3)).isEmpty(), "not dead-lettered");
    }

    /** The bug this replaces: a claim check that could not be read for a database error was dead-lettered as unreadable. */
    @Test
    void aClaimCheckUnreadableForADatabaseErrorIsRetriedNotDeadLettered() throws Exception {
        String runId = UUID.randomUUID().toString();
        String value = codec.encode(runId, Topics.PANEL_CLEANED,
                PanelCleanedConsumerTest.event(runId, PanelCleanedConsumerTest.spec("b"), 60, 10, 30));
        assertTrue(value.contains("\"arrow\":{"), "the record carries the panel's claim check");
        double retriesBefore = retries();
        sql("alter table claimcheck.payload rename to payload_away");
        try {
            topics.send(Topics.PANEL_CLEANED, runId, value, Map.of());
            long end = System.nanoTime() + WAIT.toNanos();
            while (retries() < retriesBefore + 2 && System.nanoTime() < end) {
                Thread.sleep(200);
            }
            assertTrue(retries() >= retriesBefore + 2, "the consumer retried while the payload table was away");
        } finally {
            sql("alter table claimcheck.payload_away rename to payload");
        }
        assertEquals(1, topics.readKey(Topics.INDICES_COMPUTED, runId, 1, WAIT).size(), "computed once the database is back");
        assertEquals(List.of("RUNNING", "COMPLETED"), states(runId, 2));
        assertTrue(topics.readKey(Topics.DEAD_LETTER, runId, 1, Duration.ofSeconds(3)).isEmpty(), "not dead-lettered");
    }

    private void runIndex(String owner, String runId, Supplier<String> compute) {
        stage.runAs(owner, runId, Stage.INDEX, out, EventTypes.INDICES_COMPUTED, Topics.INDICES_COMPUTED,
                () -> IndexRun.<IndexRun>findByIdOptional(runId).map(r -> r.eventJson), compute, store(runId));
    }

    private static Consumer<String> store(String runId) {
        return json -> {
            IndexRun run = new IndexRun();
            run.runId = runId;
            run.computedAt = Instant.now();
            run.eventJson = json;
            run.persist();
        };
    }

    private JsonNode failed(String runId) {
        return topics.readKey(Topics.RUN_STATUS, runId, 2, WAIT).stream()
                .map(r -> EventJson.read(r.value(), JsonNode.class))
                .filter(n -> n.get("status").asText().equals("FAILED")).findFirst()
                .orElseThrow(() -> new AssertionError("no FAILED status for " + runId));
    }

    @Test
    void aComputationRunningOutOfMemoryPublishesFailedWithAReasonAPersonCanActOn() {
        String runId = UUID.randomUUID().toString();
        AtomicInteger computations = new AtomicInteger();
        runIndex(claims.owner(), runId, () -> {
            computations.incrementAndGet();
            throw new OutOfMemoryError("Java heap space");
        });
        JsonNode failed = failed(runId);
        String reason = failed.get("reason").asText();
        assertTrue(reason.startsWith("the computation ran out of memory (heap "), reason);
        assertFalse(reason.contains("Error") || reason.contains("java."), "no class names: " + reason);
        assertEquals(RunClaims.State.FAILED, claims.state(runId, Stage.INDEX));
        assertEquals(0L, (long) QuarkusTransaction.requiringNew().call(() -> IndexRun.count("runId", runId)));

        // a redelivery publishes the same failure again and does not compute
        runIndex(claims.owner(), runId, () -> {
            computations.incrementAndGet();
            return "{}";
        });
        List<JsonNode> failures = topics.readKey(Topics.RUN_STATUS, runId, 3, WAIT).stream()
                .map(r -> EventJson.read(r.value(), JsonNode.class))
                .filter(n -> n.get("status").asText().equals("FAILED")).toList();
        assertEquals(2, failures.size());
        assertEquals(reason, failures.get(1).get("reason").asText());
        assertEquals(1, computations.get(), "computed once");
    }

    @Test
    void aStackOverflowInAComputationPublishesFailed() {
        String runId = UUID.randomUUID().toString();
        runIndex(claims.owner(), runId, () -> recurse(0));
        String reason = failed(runId).get("reason").asText();
        assertTrue(reason.contains("stack overflow"), reason);
        assertFalse(reason.contains("StackOverflowError"), reason);
    }

    private static String recurse(int depth) {
        return recurse(depth + 1) + depth;
    }

    @Test
    void twoReplicasClaimingTheSameRunComputeItOnce() throws Exception {
        String runId = UUID.randomUUID().toString();
        AtomicInteger computations = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> replicas = new ArrayList<>();
            for (String owner : List.of("replica-a", "replica-b")) {
                replicas.add(pool.submit(() -> {
                    start.await();
                    runIndex(owner, runId, () -> {
                        computations.incrementAndGet();
                        try {
                            Thread.sleep(2000);
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        return "{\"runId\":\"" + runId + "\"}";
                    });
                    return null;
                }));
            }
            for (Future<?> f : replicas) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, computations.get(), "one replica computed");
        assertEquals(1L, (long) QuarkusTransaction.requiringNew().call(() -> IndexRun.count("runId", runId)));
        List<ConsumerRecord<String, String>> published = topics.readKey(Topics.INDICES_COMPUTED, runId, 2, WAIT);
        assertEquals(2, published.size(), "the computing replica published, the waiting one republished");
        assertEquals(published.get(0).value(), published.get(1).value());
        assertEquals(List.of("RUNNING", "COMPLETED", "COMPLETED"), states(runId, 3));
    }

    @Test
    void concurrentClaimsOfOneRunGiveItToOneOwner() throws Exception {
        for (int i = 0; i < 20; i++) {
            String runId = UUID.randomUUID().toString();
            CyclicBarrier start = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<RunClaims.Claim> a = pool.submit(() -> {
                    start.await();
                    return claims.claim(runId, Stage.INDEX, "owner-a");
                });
                Future<RunClaims.Claim> b = pool.submit(() -> {
                    start.await();
                    return claims.claim(runId, Stage.INDEX, "owner-b");
                });
                RunClaims.Claim ca = a.get(30, TimeUnit.SECONDS), cb = b.get(30, TimeUnit.SECONDS);
                assertTrue(ca.mine() ^ cb.mine(), "exactly one owner holds the claim: " + ca + " / " + cb);
                RunClaims.Claim loser = ca.mine() ? cb : ca;
                assertTrue(loser.heldByOther());
                assertEquals(ca.mine() ? "owner-a" : "owner-b", loser.owner());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void theClaimOfAReplicaThatStoppedIsTakenOverAndComputed() throws Exception {
        String runId = UUID.randomUUID().toString();
        assertTrue(claims.claim(runId, Stage.INDEX, "dead-replica").mine());
        // fresh: another owner waits
        assertTrue(claims.claim(runId, Stage.INDEX, "replica-b").heldByOther());
        sql("update pipeline.run_claim set heartbeat_at = now() - interval '5 minutes' where run_id = '" + runId + "'");
        AtomicInteger computations = new AtomicInteger();
        runIndex("replica-b", runId, () -> {
            computations.incrementAndGet();
            return "{\"runId\":\"" + runId + "\"}";
        });
        assertEquals(1, computations.get());
        assertEquals(RunClaims.State.DONE, claims.state(runId, Stage.INDEX));
        assertEquals(1, topics.readKey(Topics.INDICES_COMPUTED, runId, 1, WAIT).size());
        // the dead replica's late completion does not count
        assertFalse(claims.done(runId, Stage.INDEX, "dead-replica"));
    }

    @Test
    void aClaimCheckThatDoesNotExistIsDeadLetteredWithItsHeaders() {
        String runId = UUID.randomUUID().toString();
        String missing = "{\"runId\":\"" + runId + "\",\"claimCheck\":{\"store\":\"postgres:claimcheck.payload\","
                + "\"id\":\"" + UUID.randomUUID() + "\",\"sha256\":\"" + "0".repeat(64) + "\",\"bytes\":10}}";
        topics.send(Topics.PANEL_CLEANED, runId, missing, Map.of("ce_type", "panelflow.panel.cleaned.v1"));
        List<ConsumerRecord<String, String>> dead = topics.readKey(Topics.DEAD_LETTER, runId, 1, WAIT);
        assertEquals(1, dead.size());
        ConsumerRecord<String, String> d = dead.get(0);
        assertTrue(TopicClient.header(d, "dead-letter-reason").contains("not found"), TopicClient.header(d, "dead-letter-reason"));
        assertEquals(Topics.PANEL_CLEANED, TopicClient.header(d, "dead-letter-topic"));
        assertNotNull(TopicClient.header(d, "dead-letter-partition"));
        assertNotNull(TopicClient.header(d, "dead-letter-offset"));
        assertEquals("panelflow.panel.cleaned.v1", TopicClient.header(d, "ce_type"), "original headers kept");
        assertEquals(missing, d.value(), "original value kept");
        Counter deadLetters = registry.find("panelflow.dead.letters").tag("topic", Topics.PANEL_CLEANED).counter();
        assertNotNull(deadLetters);
        assertTrue(deadLetters.count() >= 1);
    }

    @Test
    void stageMetricsAreScrapedWithTheirPrometheusNames() {
        String runId = UUID.randomUUID().toString();
        topics.send(Topics.PANEL_CLEANED, runId, codec.encode(runId, Topics.PANEL_CLEANED,
                PanelCleanedConsumerTest.event(runId, PanelCleanedConsumerTest.spec("b"), 4, 3, 0)), Map.of());
        assertEquals(1, topics.readKey(Topics.INDICES_COMPUTED, runId, 1, WAIT).size());
        states(runId, 2);
        String metrics = prometheus.scrape();
        for (String name : List.of("panelflow_stage_duration_seconds_count{outcome=\"completed\",stage=\"index\"",
                "panelflow_runs_in_flight{stage=\"index\"")) {
            assertTrue(metrics.contains(name), name + " in\n" + metrics.lines()
                    .filter(l -> l.startsWith("panelflow_")).reduce("", (x, y) -> x + y + "\n"));
        }
    }

    @Test
    void everyProducerWritesToAllInSyncReplicasIdempotently() {
        for (String channel : List.of("status-out", "indices-computed-out", "dead-letter-out")) {
            Map<String, ?> config = kafkaClients.getProducer(channel).configuration();
            assertTrue(List.of("all", "-1").contains(String.valueOf(config.get("acks"))), channel + " acks " + config.get("acks"));
            assertEquals("true", String.valueOf(config.get("enable.idempotence")), channel);
            assertEquals("120000", String.valueOf(config.get("delivery.timeout.ms")), channel);
            assertEquals("30000", String.valueOf(config.get("request.timeout.ms")), channel);
        }
    }
}
