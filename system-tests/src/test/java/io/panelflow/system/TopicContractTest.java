package io.panelflow.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.panelflow.model.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The records the services really publish for the demo run, read back from every pipeline topic, against
 * deploy/asyncapi.yaml: each key is the run id, each header is documented and has the documented value (the
 * CloudEvents headers the producers set, ce_type per topic), and each value validates against its message's
 * payload schema.
 */
@ExtendWith(SharedStack.class)
class TopicContractTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDemoRunsRecordsAreWhatTheDocumentSays() throws Exception {
        PipelineStack stack = SharedStack.get();
        String runId = Runs.submit(stack, "demo-panel.csv", Files.readAllBytes(stack.demoPanel()), "demo-spec.yaml",
                Files.readAllBytes(stack.demoSpec()));
        Runs.await(stack, runId, "COMPLETED", Duration.ofSeconds(180));

        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(stack.root.resolve("deploy/asyncapi.yaml").toFile());
        Map<String, String> messageOfTopic = new HashMap<>();
        doc.path("channels").forEach(c -> c.path("messages").fieldNames().forEachRemaining(
                m -> messageOfTopic.put(c.path("address").asText(), m)));
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

        // the validator sees a wrong value (a schema that accepted anything would make this test pass vacuously)
        JsonSchema status = factory.getSchema(pointingAt(doc, "#/components/messages/RunStatusChanged/payload"));
        assertTrue(!status.validate(JSON.readTree("{\"runId\":\"r\",\"stage\":\"INDEX\",\"status\":\"BOGUS\","
                + "\"reason\":null,\"at\":\"2026-01-01T00:00:00Z\"}")).isEmpty(), "an unknown status is refused");
        assertTrue(!status.validate(JSON.readTree("{\"runId\":\"r\",\"stage\":\"INDEX\",\"status\":\"RUNNING\","
                + "\"at\":\"2026-01-01T00:00:00Z\"}")).isEmpty(), "a missing field is refused");
        assertEquals(Set.of(), status.validate(JSON.readTree("{\"runId\":\"r\",\"stage\":\"INDEX\",\"status\":\"RUNNING\","
                + "\"reason\":null,\"at\":\"2026-01-01T00:00:00Z\"}")), "a good one is accepted");

        Map<String, Integer> seen = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (String topic : Topics.ALL) {
            if (topic.equals(Topics.DEAD_LETTER)) {
                continue;
            }
            String message = messageOfTopic.get(topic);
            JsonNode documentedHeaders = doc.path("components").path("messages").path(message).path("headers");
            JsonSchema payloadSchema = factory.getSchema(pointingAt(doc, "#/components/messages/" + message + "/payload"));
            JsonSchema headerSchema = factory.getSchema(pointingAt(doc, "#/components/messages/" + message + "/headers"));
            for (ConsumerRecord<String, String> r : records(stack, topic)) {
                if (!runId.equals(r.key())) {
                    continue;
                }
                seen.merge(topic, 1, Integer::sum);
                String where = topic + "@" + r.partition() + ":" + r.offset();
                ObjectNode headers = JSON.createObjectNode();
                Set<String> names = new HashSet<>();
                for (Header h : r.headers()) {
                    headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                    names.add(h.key());
                    if (!documentedHeaders.path("properties").has(h.key())) {
                        problems.add(where + ": header " + h.key() + " is not in the document");
                    }
                }
                for (ValidationMessage m : headerSchema.validate(headers)) {
                    problems.add(where + ": headers " + headers + ": " + m.getMessage());
                }
                if (!runId.equals(headers.path("ce_subject").asText())) {
                    problems.add(where + ": ce_subject " + headers.path("ce_subject") + " is not the key");
                }
                for (ValidationMessage m : payloadSchema.validate(JSON.readTree(r.value()))) {
                    problems.add(where + ": payload: " + m.getMessage());
                }
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " differences from deploy/asyncapi.yaml: "
                + problems.subList(0, Math.min(20, problems.size())));
        for (String topic : List.of(Topics.PANEL_CLEANED, Topics.INDICES_COMPUTED, Topics.ESTIMATES_COMPLETED,
                Topics.REPORTS_READY)) {
            assertEquals(1, seen.getOrDefault(topic, 0), "one " + topic + " record of the run: " + seen);
        }
        assertTrue(seen.getOrDefault(Topics.RUN_STATUS, 0) >= 4, "run-status records of the run: " + seen);
    }

    /** The whole document as the schema's root (so its $refs resolve), validating with the node at {@code pointer}. */
    static JsonNode pointingAt(JsonNode doc, String pointer) {
        ObjectNode root = doc.deepCopy();
        root.put("$ref", pointer);
        return root;
    }

    /** Every record of a topic, from the beginning to its end now. */
    static List<ConsumerRecord<String, String>> records(PipelineStack stack, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.broker.bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(16 * 1024 * 1024));
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end in 60 s");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }
}
