package io.panelflow.model.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.panelflow.model.EventTypes;
import io.panelflow.model.Topics;
import io.panelflow.model.event.ClaimCheck;
import io.panelflow.model.event.EstimatesCompleted;
import io.panelflow.model.event.IndicesComputed;
import io.panelflow.model.event.PanelCleaned;
import io.panelflow.model.event.ReportsReady;
import io.panelflow.model.event.RunStatusChanged;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AsyncAPI 3.0 document of the pipeline's topics ({@code deploy/asyncapi.yaml}): channels, messages with
 * their CloudEvents headers and Kafka keys, send and receive operations of the services, and the payload schemas
 * derived from the event records ({@link EventSchemas}). {@code AsyncApiDocumentTest} fails when the checked-in
 * file differs from what this builds, and rewrites it with {@code -Dasyncapi.write=true}.
 */
final class AsyncApiDocument {
    /** A topic, its event (null for the dead-letter topic), its producers and consumers. */
    record Topic(String name, String ceType, Class<?> event, boolean claimChecked, String summary, List<String> producers,
                 List<String> consumers) {
    }

    static final List<Topic> TOPICS = List.of(
            new Topic(Topics.PANEL_CLEANED, EventTypes.PANEL_CLEANED, PanelCleaned.class, true,
                    "A run's upload accepted, validated and cleaned: the spec, the cleaned panel, the data-quality report"
                            + " and the upload's provenance.", List.of("ingest-service"), List.of("index-service", "report-service")),
            new Topic(Topics.INDICES_COMPUTED, EventTypes.INDICES_COMPUTED, IndicesComputed.class, true,
                    "The panel with one column per composite index, the group-year balance panel, every index with its"
                            + " weights and diagnostics.", List.of("index-service"), List.of("estimation-service", "report-service")),
            new Topic(Topics.ESTIMATES_COMPLETED, EventTypes.ESTIMATES_COMPLETED, EstimatesCompleted.class, true,
                    "Every model of the run estimated: coefficients, standard errors, fit statistics and diagnostics.",
                    List.of("estimation-service"), List.of("report-service")),
            new Topic(Topics.REPORTS_READY, EventTypes.REPORTS_READY, ReportsReady.class, false,
                    "The run's report is built; the formats it can be fetched in (GET /api/runs/{runId}/report?format=).",
                    List.of("report-service"), List.of()),
            new Topic(Topics.RUN_STATUS, EventTypes.RUN_STATUS, RunStatusChanged.class, false,
                    "A stage of a run started, completed or failed (with a reason a person can act on).",
                    List.of("ingest-service", "index-service", "estimation-service", "report-service"), List.of("report-service")),
            new Topic(Topics.DEAD_LETTER, null, null, false,
                    "Records that can never be processed (not JSON, a claim check not found or not matching its hash) and"
                            + " records whose retries gave up: the original key, value and headers, plus the dead-letter headers."
                            + " deploy/local/dead-letters.sh lists and replays them.",
                    List.of("ingest-service", "index-service", "estimation-service", "report-service"), List.of()));

    static final Map<String, Integer> PARTITIONS = Map.of(Topics.PANEL_CLEANED, 6, Topics.INDICES_COMPUTED, 6,
            Topics.ESTIMATES_COMPLETED, 6, Topics.REPORTS_READY, 3, Topics.RUN_STATUS, 6, Topics.DEAD_LETTER, 1);

    private AsyncApiDocument() {
    }

    static String yaml() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));
        try {
            return "# The contract of panelflow's Kafka topics (AsyncAPI 3.0). Generated from shared-model's event records\n"
                    + "# by shared-model's AsyncApiDocumentTest, which fails when this file is out of date; to rewrite it:\n"
                    + "#   mvn -B -q -pl shared-model test -Dtest=AsyncApiDocumentTest -Dasyncapi.write=true\n"
                    + yaml.writeValueAsString(document());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("asyncapi", "3.0.0");
        doc.put("info", info());
        doc.put("defaultContentType", "application/json");
        doc.put("servers", Map.of("local", map(
                "host", "127.0.0.1:9092",
                "protocol", "kafka",
                "description", "the local stack's broker (deploy/local/stack.sh; KAFKA_BOOTSTRAP_SERVERS elsewhere)")));
        Map<String, Object> channels = new LinkedHashMap<>();
        Map<String, Object> operations = new LinkedHashMap<>();
        Map<String, Object> messages = new LinkedHashMap<>();
        for (Topic t : TOPICS) {
            String channel = camel(t.name());
            String message = t.event() == null ? "DeadLetter" : t.event().getSimpleName();
            Map<String, Object> channelMessages = new LinkedHashMap<>();
            channelMessages.put(message, ref("#/components/messages/" + message));
            channels.put(channel, map(
                    "address", t.name(),
                    "description", t.summary(),
                    "messages", channelMessages,
                    "bindings", Map.of("kafka", map("topic", t.name(), "partitions", PARTITIONS.get(t.name()),
                            "replicas", 3, "bindingVersion", "0.5.0"))));
            messages.put(message, t.event() == null ? deadLetterMessage() : message(t));
            for (String producer : t.producers()) {
                operations.put(camel(producer.replace("-service", "")) + "Sends" + message, map(
                        "action", "send",
                        "channel", ref("#/channels/" + channel),
                        "summary", producer + " publishes " + t.name(),
                        "messages", List.of(ref("#/channels/" + channel + "/messages/" + message))));
            }
            for (String consumer : t.consumers()) {
                operations.put(camel(consumer.replace("-service", "")) + "Receives" + message, map(
                        "action", "receive",
                        "channel", ref("#/channels/" + channel),
                        "summary", consumer + " consumes " + t.name() + " (consumer group " + consumer + ")",
                        "messages", List.of(ref("#/channels/" + channel + "/messages/" + message))));
            }
        }
        doc.put("channels", channels);
        doc.put("operations", operations);
        Map<String, Object> schemas = new LinkedHashMap<>();
        schemas.put("CloudEventHeaders", cloudEventHeaders(null));
        schemas.put("DeadLetterHeaders", deadLetterHeaders());
        schemas.put("ClaimCheckEnvelope", claimCheckEnvelope());
        schemas.putAll(EventSchemas.of(List.of(PanelCleaned.class, IndicesComputed.class, EstimatesCompleted.class,
                ReportsReady.class, RunStatusChanged.class, ClaimCheck.class)));
        doc.put("components", map(
                "messages", messages,
                "schemas", schemas,
                "messageTraits", Map.of("KeyedByRun", map(
                        "bindings", Map.of("kafka", map(
                                "key", map("type", "string", "format", "uuid",
                                        "description", "the run id: every record of a run has it as key, so a run's"
                                                + " records share a partition and keep their order"),
                                "bindingVersion", "0.5.0"))))));
        return doc;
    }

    private static Map<String, Object> info() {
        return map(
                "title", "panelflow pipeline events",
                "version", "1.0.0",
                "description", String.join("\n", List.of(
                        "One topic per stage. Conventions every topic follows:",
                        "",
                        "* **Key**: the run id (a UUID) — a run's records share a partition and keep their order.",
                        "* **Value**: JSON (UTF-8) of the event record; consumers ignore fields they do not know."
                                + " Numbers that are not finite are written as the strings NaN, Infinity, -Infinity.",
                        "* **Headers**: CloudEvents 1.0 in Kafka binary mode (`ce_specversion`, `ce_id`, `ce_source`"
                                + " = `/panelflow/<service>`, `ce_type`, `ce_subject` = run id, `ce_time`,"
                                + " `ce_datacontenttype` and `content-type` = application/json); W3C `traceparent` when tracing is on. A record sent twice"
                                + " (a redelivery, the intake outbox after a crash) keeps its `ce_id`: deduplicate by it,"
                                + " or by (run id, `ce_type`) — each stage publishes one result per run.",
                        "* **Claim check**: a value over 256 KiB (`panelflow.claim-check.threshold-bytes`) is replaced by"
                                + " the envelope `{\"runId\", \"claimCheck\": {store, id, sha256, bytes}}`; the payload's JSON"
                                + " is in the claim-check store (by default the PostgreSQL tables `claimcheck.payload`, a row per payload, and"
                                + " `claimcheck.payload_chunk`, its bytes in chunks) under `id`, and its"
                                + " SHA-256 must match. Small events (`run-status`, `reports-ready`) are never claim-checked.",
                        "* **Panels** (`PanelTable`) are inline or, where the producers store panels as Arrow IPC streams in"
                                + " the claim-check store, `{\"arrow\": {store, id, sha256, bytes}}` in the panel's place; a"
                                + " reader accepts both.",
                        "* **Dead letters**: records that can never be processed, and records whose retries gave up,"
                                + " go to `panelflow-dead-letter` with their original key, value and headers plus"
                                + " `dead-letter-*` headers.",
                        "",
                        "A dashboard of its own subscribes to `run-status` (every stage's progress) and"
                                + " `estimates-completed` (the results), or reads the report service's"
                                + " `GET /api/runs/stream` instead.")));
    }

    private static Map<String, Object> message(Topic t) {
        String name = t.event().getSimpleName();
        Map<String, Object> payload = t.claimChecked()
                ? map("oneOf", List.of(ref("#/components/schemas/" + name), ref("#/components/schemas/ClaimCheckEnvelope")))
                : ref("#/components/schemas/" + name);
        return map(
                "name", name,
                "title", name,
                "summary", t.summary(),
                "contentType", "application/json",
                "headers", cloudEventHeaders(t.ceType()),
                "payload", payload,
                "correlationId", map("description", "the run id", "location", "$message.header#/ce_subject"),
                "traits", List.of(ref("#/components/messageTraits/KeyedByRun")));
    }

    private static Map<String, Object> deadLetterMessage() {
        return map(
                "name", "DeadLetter",
                "title", "DeadLetter",
                "summary", "A record of any pipeline topic that will never be processed, as it was, with the reason.",
                "headers", ref("#/components/schemas/DeadLetterHeaders"),
                "payload", map("description", "the original record's value, byte for byte (usually one of the pipeline's"
                        + " events or a claim-check envelope; possibly not JSON at all, which may be why it is here)"),
                "traits", List.of(ref("#/components/messageTraits/KeyedByRun")));
    }

    /** The ce_* headers; with {@code ceType}, its value fixed. */
    static Map<String, Object> cloudEventHeaders(String ceType) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("ce_specversion", map("type", "string", "const", "1.0"));
        properties.put("ce_id", map("type", "string", "description", "unique per event; the same on a resend"));
        properties.put("ce_source", map("type", "string", "pattern", "^/panelflow/[a-z-]+$",
                "description", "the producing service, /panelflow/<service>", "examples", List.of("/panelflow/ingest-service")));
        properties.put("ce_type", ceType == null
                ? map("type", "string", "pattern", "^panelflow\\.[a-z.]+\\.v[0-9]+$")
                : map("type", "string", "const", ceType));
        properties.put("ce_subject", map("type", "string", "format", "uuid", "description", "the run id (also the key)"));
        properties.put("ce_time", map("type", "string", "format", "date-time"));
        properties.put("ce_datacontenttype", map("type", "string", "const", "application/json"));
        properties.put("content-type", map("type", "string", "const", "application/json",
                "description", "the data content type again, as the Kafka connector writes it for non-CloudEvents readers"));
        properties.put("traceparent", map("type", "string", "description", "W3C trace context, when tracing is on"));
        return map("type", "object",
                "properties", properties,
                "required", List.of("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_subject", "ce_time",
                        "ce_datacontenttype", "content-type"));
    }

    private static Map<String, Object> deadLetterHeaders() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("dead-letter-reason", map("type", "string", "description", "why the record was given up, for a person"));
        properties.put("dead-letter-topic", map("type", "string", "description", "the topic the record was read from"));
        properties.put("dead-letter-partition", map("type", "string", "pattern", "^[0-9]+$", "description", "its partition (decimal text)"));
        properties.put("dead-letter-offset", map("type", "string", "pattern", "^[0-9]+$", "description", "its offset (decimal text)"));
        properties.put("dead-letter-service", map("type", "string", "description", "the service that gave it up"));
        properties.put("dead-letter-at", map("type", "string", "format", "date-time", "description", "when"));
        return map("type", "object",
                "description", "the original record's headers (CloudEventHeaders) as they were, plus these",
                "properties", properties,
                "required", List.of("dead-letter-reason", "dead-letter-topic", "dead-letter-partition", "dead-letter-offset"));
    }

    private static Map<String, Object> claimCheckEnvelope() {
        return map("type", "object",
                "description", "what a record carries instead of a payload over the claim-check threshold; resolve"
                        + " claimCheck.id in the claim-check store and check the payload's SHA-256",
                "x-java-type", "io.panelflow.service.EventCodec$ClaimCheckEnvelope",
                "properties", map("runId", map("type", "string"), "claimCheck", ref("#/components/schemas/ClaimCheck")),
                "required", List.of("runId", "claimCheck"));
    }

    static String camel(String name) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char c : name.toCharArray()) {
            if (c == '-' || c == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }

    private static Map<String, Object> ref(String to) {
        return map("$ref", to);
    }

    /** An ordered map of alternating keys and values. */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(List.of(items));
    }
}
