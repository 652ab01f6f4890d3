package io.panelflow.index.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.index.persistence.IndexRun;
import io.panelflow.model.Stage;
import io.panelflow.model.Topics;
import io.panelflow.service.EventCodec;
import io.panelflow.service.EventJson;
import io.panelflow.service.RunClaims;
import io.panelflow.testing.KafkaBrokerResource;
import io.panelflow.testing.PostgresDatabaseResource;
import io.panelflow.testing.TopicClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stage's limits, shortened: a computation past its deadline: the index stage with a 3 s deadline and the fault-injection hold
 * of 20 s (inside the computation) publishes FAILED with the deadline, through the real consumer; a
 * computation far longer than the claim's stale time (2 s here) keeps its claim by its heartbeat; a
 * transient failure that outlasts the retry budget (4 s here) publishes FAILED and dead-letters the record.
 */
@QuarkusTest
@TestProfile(StageLimitsTest.ShortDeadline.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class StageLimitsTest {
    public static class ShortDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("panelflow.stage.index.deadline", "PT3S", "panelflow.stage.hold-ms", "20000",
                    "panelflow.claim.stale-after", "PT2S", "panelflow.retry.max-duration", "PT4S");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EventCodec codec;

    @Inject
    RunClaims claims;

    @Inject
    io.panelflow.service.StageExecution stage;

    @Inject
    @org.eclipse.microprofile.reactive.messaging.Channel("indices-computed-out")
    io.smallrye.reactive.messaging.MutinyEmitter<String> out;

    @Test
    void aComputationPastItsDeadlinePublishesFailed() {
        String runId = UUID.randomUUID().toString();
        try (TopicClient topics = new TopicClient(bootstrap)) {
            long sent = System.nanoTime();
            topics.send(Topics.PANEL_CLEANED, runId, codec.encode(runId, Topics.PANEL_CLEANED,
                    PanelCleanedConsumerTest.event(runId, PanelCleanedConsumerTest.spec("b"), 6, 5, 0)), Map.of());
            List<JsonNode> status = topics.read(Topics.RUN_STATUS,
                            rs -> rs.stream().anyMatch(r -> runId.equals(r.key()) && r.value().contains("FAILED")),
                            Duration.ofSeconds(60)).stream()
                    .filter(r -> runId.equals(r.key())).map(r -> EventJson.read(r.value(), JsonNode.class)).toList();
            double seconds = (System.nanoTime() - sent) / 1e9;
            assertEquals(List.of("RUNNING", "FAILED"), status.stream().map(n -> n.get("status").asText()).toList());
            String reason = status.get(1).get("reason").asText();
            assertTrue(reason.startsWith("the computation exceeded its deadline of 3 s"), reason);
            assertTrue(seconds < 15, "failed at the deadline, not after the hold: " + seconds + " s");
            assertEquals(RunClaims.State.FAILED, claims.state(runId, Stage.INDEX));
            assertEquals(0L, (long) QuarkusTransaction.requiringNew().call(() -> IndexRun.count("runId", runId)));
            assertTrue(topics.readKey(Topics.INDICES_COMPUTED, runId, 1, Duration.ofSeconds(5)).isEmpty(),
                    "the abandoned computation publishes nothing when it ends");
        }
    }

    @Test
    void aLongComputationKeepsItsClaimByItsHeartbeat() throws Exception {
        String runId = UUID.randomUUID().toString();
        java.util.concurrent.atomic.AtomicReference<String> stored = new java.util.concurrent.atomic.AtomicReference<>();
        // the ESTIMATION stage has the default 30 min deadline here; the 20 s hold is the long computation
        Thread computing = new Thread(() -> stage.runAs("replica-a", runId, Stage.ESTIMATION, out,
                io.panelflow.model.EventTypes.INDICES_COMPUTED, Topics.INDICES_COMPUTED,
                () -> java.util.Optional.ofNullable(stored.get()), () -> "{\"runId\":\"" + runId + "\"}", stored::set));
        computing.start();
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int asked = 0;
        while (System.nanoTime() < end) {
            Thread.sleep(500);
            if (claims.state(runId, Stage.ESTIMATION) == null) {
                continue;
            }
            RunClaims.Claim other = claims.claim(runId, Stage.ESTIMATION, "replica-b");
            assertTrue(other.heldByOther(), "after " + asked + " attempts the other replica got " + other);
            asked++;
        }
        assertTrue(asked >= 10, "asked " + asked + " times during the computation");
        computing.join(60_000);
        assertEquals(RunClaims.State.DONE, claims.state(runId, Stage.ESTIMATION));
        assertEquals("{\"runId\":\"" + runId + "\"}", stored.get());
    }

    @Inject
    javax.sql.DataSource dataSource;

    @Test
    void retriesThatOutlastTheirBudgetPublishFailedAndDeadLetterTheRecord() throws Exception {
        String runId = UUID.randomUUID().toString();
        try (TopicClient topics = new TopicClient(bootstrap)) {
            try (var c = dataSource.getConnection(); var st = c.createStatement()) {
                st.execute("alter table index.index_run rename to index_run_gone");
            }
            String value = codec.encode(runId, Topics.PANEL_CLEANED,
                    PanelCleanedConsumerTest.event(runId, PanelCleanedConsumerTest.spec("b"), 6, 5, 0));
            try {
                topics.send(Topics.PANEL_CLEANED, runId, value, Map.of("ce_type", "panelflow.panel.cleaned.v1"));
                var dead = topics.readKey(Topics.DEAD_LETTER, runId, 1, Duration.ofSeconds(60));
                assertEquals(1, dead.size(), "dead-lettered after the retries gave up");
                String reason = TopicClient.header(dead.get(0), "dead-letter-reason");
                assertTrue(reason.startsWith("the index stage gave up after 4 s of retries: "), reason);
                assertTrue(reason.contains("index_run"), "the cause is named: " + reason);
                assertEquals(value, dead.get(0).value());
                assertEquals("panelflow.panel.cleaned.v1", TopicClient.header(dead.get(0), "ce_type"));
                JsonNode failed = topics.readKey(Topics.RUN_STATUS, runId, 1, Duration.ofSeconds(30)).stream()
                        .map(r -> EventJson.read(r.value(), JsonNode.class))
                        .filter(n -> n.get("status").asText().equals("FAILED")).findFirst().orElseThrow();
                assertEquals(reason, failed.get("reason").asText());
            } finally {
                try (var c = dataSource.getConnection(); var st = c.createStatement()) {
                    st.execute("alter table index.index_run_gone rename to index_run");
                }
            }
        }
    }
}
