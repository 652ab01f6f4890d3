package io.panelflow.ingest.intake;

import io.panelflow.ingest.persistence.OutboxEntry;
import io.panelflow.model.RunStatus;
import io.panelflow.model.Topics;
import io.panelflow.model.event.RunStatusChanged;
import io.panelflow.service.EventJson;
import io.panelflow.testing.InjectKafkaBroker;
import io.panelflow.testing.KafkaBroker;
import io.panelflow.testing.KafkaBrokerResource;
import io.panelflow.testing.PostgresDatabaseResource;
import io.panelflow.testing.TopicClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A broker outage longer than the producer's delivery timeout (shortened to 4 s here): the relay's
 * sends fail for good, it records the failures and backs off, the rows stay pending; when the
 * broker is back they are published exactly once and the producer channel still works.
 */
@QuarkusTest
@TestProfile(BrokerDownLongerThanDeliveryTimeoutTest.ShortDeliveryTimeout.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class BrokerDownLongerThanDeliveryTimeoutTest {

    public static class ShortDeliveryTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "kafka.delivery.timeout.ms", "4000",
                    "kafka.request.timeout.ms", "2000",
                    "kafka.max.block.ms", "3000",
                    "panelflow.outbox.max-backoff", "PT2S");
        }
    }

    @InjectKafkaBroker
    KafkaBroker broker;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void failedSendsAreRetriedAfterTheOutageAndLandOnce() throws Exception {
        assertNotNull(broker);
        String runId;
        broker.kill();
        try {
            runId = IntakeOutboxTest.upload();
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<OutboxEntry> rows = IntakeOutboxTest.rows(runId);
            while (System.nanoTime() < end && rows.get(0).attempts < 2) {
                Thread.sleep(500);
                rows = IntakeOutboxTest.rows(runId);
            }
            OutboxEntry first = rows.get(0);
            assertTrue(first.attempts >= 2, "the relay tried and failed more than once: " + first.attempts);
            assertNotNull(first.lastError, "and recorded why");
            assertTrue(rows.stream().allMatch(r -> r.publishedAt == null));
            System.err.printf("[outbox] broker down: %d failed attempts, last error: %s%n", first.attempts, first.lastError);
        } finally {
            broker.restart();
        }
        IntakeOutboxTest.awaitPublished(runId, Duration.ofSeconds(120));
        try (TopicClient topics = new TopicClient(bootstrap)) {
            List<ConsumerRecord<String, String>> cleaned = topics.read(Topics.PANEL_CLEANED, rs -> false, Duration.ofSeconds(8))
                    .stream().filter(r -> runId.equals(r.key())).toList();
            assertEquals(1, cleaned.size(), "exactly one panel-cleaned after failed attempts");
            List<RunStatus> statuses = topics.readKey(Topics.RUN_STATUS, runId, 3, Duration.ofSeconds(10)).stream()
                    .map(r -> EventJson.read(r.value(), RunStatusChanged.class).status()).toList();
            assertEquals(List.of(RunStatus.RUNNING, RunStatus.COMPLETED), statuses,
                    "the ingest's RUNNING and COMPLETED once each, in order, after failed attempts");
        }
        // and the channel still carries new uploads
        String next = IntakeOutboxTest.upload();
        IntakeOutboxTest.awaitPublished(next, Duration.ofSeconds(30));
    }
}
