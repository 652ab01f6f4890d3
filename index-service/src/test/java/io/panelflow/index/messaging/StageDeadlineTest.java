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
 * A computation past its deadline: the index stage with a 3 s deadline and the fault-injection hold
 * of 20 s (inside the computation) publishes FAILED with the deadline, through the real consumer.
 */
@QuarkusTest
@TestProfile(StageDeadlineTest.ShortDeadline.class)
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class StageDeadlineTest {
    public static class ShortDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("panelflow.stage.index.deadline", "PT3S", "panelflow.stage.hold-ms", "20000");
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EventCodec codec;

    @Inject
    RunClaims claims;

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
}
