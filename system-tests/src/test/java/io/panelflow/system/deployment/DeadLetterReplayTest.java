package io.panelflow.system.deployment;

import io.panelflow.model.Topics;
import io.panelflow.testing.KafkaBroker;
import io.panelflow.testing.KafkaClasspath;
import io.panelflow.testing.TopicClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.panelflow.system.deployment.DeploymentFiles.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * deploy/kafka/DeadLetters.java (behind deploy/local/dead-letters.sh) on a real broker: lists dead letters
 * with their reasons and replays the chosen ones to their original topic with key, value and headers.
 */
class DeadLetterReplayTest {
    private static Result tool(String bootstrap, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("java", "-cp", KafkaClasspath.resolve(),
                root().resolve("deploy/kafka/DeadLetters.java").toString(), bootstrap));
        cmd.addAll(List.of(args));
        return run("java", cmd);
    }

    @Test
    void listsDeadLettersAndReplaysTheChosenOnesWithTheirKeyValueAndHeaders() {
        try (KafkaBroker kafka = KafkaBroker.start(); TopicClient topics = new TopicClient(kafka.bootstrapServers())) {
            String bootstrap = kafka.bootstrapServers();
            String runA = "run-" + UUID.randomUUID(), runB = "run-" + UUID.randomUUID();
            topics.send(Topics.DEAD_LETTER, runA, "{\"runId\":\"" + runA + "\"}", Map.of(
                    "ce_type", "panelflow.panel.cleaned.v1", "ce_subject", runA,
                    "dead-letter-reason", "the index stage gave up after 15 min of retries: connection refused",
                    "dead-letter-topic", Topics.PANEL_CLEANED, "dead-letter-partition", "2", "dead-letter-offset", "17",
                    "dead-letter-service", "index-service"));
            topics.send(Topics.DEAD_LETTER, runB, "{not json", Map.of(
                    "dead-letter-reason", "unreadable IndicesComputed event: Unexpected character",
                    "dead-letter-topic", Topics.INDICES_COMPUTED, "dead-letter-partition", "0", "dead-letter-offset", "3"));

            Result list = tool(bootstrap, "list");
            assertEquals(0, list.exit(), list.output());
            assertTrue(list.output().contains(runA) && list.output().contains("gave up after 15 min"), list.output());
            assertTrue(list.output().contains(runB) && list.output().contains(Topics.INDICES_COMPUTED + "\t0@3"), list.output());
            Result onlyIndices = tool(bootstrap, "list", "--topic", Topics.INDICES_COMPUTED);
            assertFalse(onlyIndices.output().contains(runA), onlyIndices.output());
            assertTrue(onlyIndices.output().contains("1 dead letter(s)"), onlyIndices.output());

            Result refused = tool(bootstrap, "replay");
            assertEquals(2, refused.exit(), "replay without a filter is refused: " + refused.output());

            Result replay = tool(bootstrap, "replay", "--run", runA);
            assertEquals(0, replay.exit(), replay.output());
            assertTrue(replay.output().contains("1 dead letter(s) replayed"), replay.output());
            List<ConsumerRecord<String, String>> back = topics.readKey(Topics.PANEL_CLEANED, runA, 1, Duration.ofSeconds(30));
            assertEquals(1, back.size());
            ConsumerRecord<String, String> r = back.get(0);
            assertEquals("{\"runId\":\"" + runA + "\"}", r.value());
            assertEquals(runA, r.key(), "the original key");
            assertEquals("panelflow.panel.cleaned.v1", TopicClient.header(r, "ce_type"));
            assertEquals(runA, TopicClient.header(r, "ce_subject"));
            assertNull(TopicClient.header(r, "dead-letter-reason"), "the dead-letter headers are dropped");
            assertTrue(TopicClient.header(r, "dead-letter-replayed-from").startsWith(Topics.DEAD_LETTER + "@"));
            assertTrue(topics.readKey(Topics.INDICES_COMPUTED, runB, 1, Duration.ofSeconds(3)).isEmpty(),
                    "the other dead letter stays where it is");
        }
    }
}
