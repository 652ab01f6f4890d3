package io.panelflow.model.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.panelflow.model.EventTypes;
import io.panelflow.model.Topics;
import io.panelflow.model.event.ClaimCheck;
import io.panelflow.model.event.EstimatesCompleted;
import io.panelflow.model.event.IndicesComputed;
import io.panelflow.model.event.PanelCleaned;
import io.panelflow.model.event.ReportsReady;
import io.panelflow.model.event.RunStatusChanged;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code deploy/asyncapi.yaml}, the contract of the topics: it is what {@link AsyncApiDocument} builds from the
 * event records today, and — read as a plain document, independently of the builder — it has a channel for every
 * topic of {@link Topics#ALL}, a schema with every field of every event record (and of the records they hold), and
 * each event type as its message's {@code ce_type}.
 */
class AsyncApiDocumentTest {
    static final String REWRITE = "mvn -B -q -pl shared-model test -Dtest=AsyncApiDocumentTest -Dasyncapi.write=true";
    static final List<Class<?>> EVENTS = List.of(PanelCleaned.class, IndicesComputed.class, EstimatesCompleted.class,
            ReportsReady.class, RunStatusChanged.class, ClaimCheck.class);

    static Path file() {
        // the tests run in the module's folder
        Path root = Path.of("").toAbsolutePath();
        if (!Files.isDirectory(root.resolve("deploy"))) {
            root = root.getParent();
        }
        return root.resolve("deploy/asyncapi.yaml");
    }

    static JsonNode checkedIn() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(file().toFile());
    }

    /** With {@code -Dasyncapi.write=true}: rewrites the file before any test reads it. */
    @BeforeAll
    static void rewriteWhenAsked() throws IOException {
        if (Boolean.getBoolean("asyncapi.write")) {
            Files.writeString(file(), AsyncApiDocument.yaml(), StandardCharsets.UTF_8);
            System.out.println("wrote " + file());
        }
    }

    @Test
    void theCheckedInDocumentIsWhatTheEventRecordsGive() throws IOException {
        String built = AsyncApiDocument.yaml();
        Path file = file();
        String present = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (!built.equals(present)) {
            fail("deploy/asyncapi.yaml is out of date with the event records (or with AsyncApiDocument); rewrite it with: "
                    + REWRITE + " — and review the diff: a removed or renamed field breaks subscribers");
        }
    }

    @Test
    void everyTopicIsAChannel() throws IOException {
        Set<String> addresses = new TreeSet<>();
        checkedIn().path("channels").forEach(c -> addresses.add(c.path("address").asText()));
        assertEquals(new TreeSet<>(Topics.ALL), addresses, "the channels' addresses are the topics of Topics.ALL");
    }

    @Test
    void everyFieldOfEveryEventRecordIsInItsSchema() throws IOException {
        // a record's schema is the one that names it as its x-java-type (a panel's inline form is PanelTableInline)
        java.util.Map<String, JsonNode> byJavaType = new java.util.HashMap<>();
        checkedIn().path("components").path("schemas").forEach(schema -> {
            if (schema.has("x-java-type")) {
                byJavaType.put(schema.get("x-java-type").asText(), schema);
            }
        });
        List<String> missing = new ArrayList<>();
        for (Class<?> record : reachableRecords()) {
            JsonNode schema = byJavaType.getOrDefault(record.getName(), com.fasterxml.jackson.databind.node.MissingNode.getInstance());
            if (schema.isMissingNode()) {
                missing.add(record.getSimpleName() + " (no schema)");
                continue;
            }
            Set<String> documented = new HashSet<>();
            schema.path("properties").fieldNames().forEachRemaining(documented::add);
            for (RecordComponent c : record.getRecordComponents()) {
                if (!documented.remove(c.getName())) {
                    missing.add(record.getSimpleName() + "." + c.getName());
                }
            }
            documented.forEach(extra -> missing.add(record.getSimpleName() + "." + extra + " (documented, not in the record)"));
        }
        assertTrue(missing.isEmpty(), "deploy/asyncapi.yaml does not match the event records: " + missing
                + "; rewrite it with: " + REWRITE);
    }

    @Test
    void everyEventTypeIsItsMessagesCeType() throws IllegalAccessException, IOException {
        Set<String> documented = new TreeSet<>();
        checkedIn().path("components").path("messages")
                .forEach(m -> {
                    JsonNode type = m.path("headers").path("properties").path("ce_type").path("const");
                    if (!type.isMissingNode()) {
                        documented.add(type.asText());
                    }
                });
        Set<String> types = new TreeSet<>();
        for (Field f : EventTypes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                types.add((String) f.get(null));
            }
        }
        assertEquals(types, documented);
    }

    @Test
    void everyMessageIsKeyedByTheRunId() throws IOException {
        JsonNode doc = checkedIn();
        doc.path("components").path("messages").fields().forEachRemaining(m ->
                assertEquals("#/components/messageTraits/KeyedByRun", m.getValue().path("traits").path(0).path("$ref").asText(),
                        m.getKey()));
        assertEquals("string", doc.at("/components/messageTraits/KeyedByRun/bindings/kafka/key/type").asText());
    }

    /** The event records and every record they hold. */
    static Set<Class<?>> reachableRecords() {
        Set<Class<?>> seen = new java.util.LinkedHashSet<>();
        Deque<Type> todo = new ArrayDeque<>(EVENTS);
        while (!todo.isEmpty()) {
            Type t = todo.pop();
            if (t instanceof ParameterizedType p) {
                todo.addAll(List.of(p.getActualTypeArguments()));
                continue;
            }
            if (!(t instanceof Class<?> c)) {
                continue;
            }
            if (c.isArray()) {
                todo.push(c.getComponentType());
                continue;
            }
            if (!c.isRecord() || !seen.add(c)) {
                continue;
            }
            for (RecordComponent rc : c.getRecordComponents()) {
                todo.push(rc.getGenericType());
            }
        }
        return seen;
    }
}
