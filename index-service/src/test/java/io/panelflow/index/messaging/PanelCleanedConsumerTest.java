package io.panelflow.index.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.frame.PanelFrame;
import io.panelflow.index.persistence.IndexRun;
import io.panelflow.model.Topics;
import io.panelflow.model.event.DataProvenance;
import io.panelflow.model.event.IndicesComputed;
import io.panelflow.model.event.PanelCleaned;
import io.panelflow.model.result.DataQualityReport;
import io.panelflow.model.spec.SpecReader;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.service.EventCodec;
import io.panelflow.service.EventJson;
import io.panelflow.testing.KafkaBrokerResource;
import io.panelflow.testing.PostgresDatabaseResource;
import io.panelflow.testing.TopicClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The index stage on a real broker and database: computes, publishes once per run, dead-letters garbage. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class PanelCleanedConsumerTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EventCodec codec;

    @Inject
    io.panelflow.service.ClaimCheckStore claimChecks;

    @Inject
    javax.sql.DataSource dataSource;

    TopicClient topics;

    @BeforeEach
    void connect() {
        topics = new TopicClient(bootstrap);
    }

    @AfterEach
    void disconnect() {
        topics.close();
    }

    static StudySpec spec(String indicatorB) {
        return SpecReader.read("""
                name: index-stage-test
                panel: {unit: unit, time: year}
                indices:
                  - name: DI
                    method: entropy
                    indicators:
                      - {column: a, direction: positive}
                      - {column: %s, direction: negative}
                """.formatted(indicatorB));
    }

    static PanelCleaned event(String runId, StudySpec spec, int units, int years, int extraColumns) {
        int n = units * years;
        String[] unit = new String[n];
        double[] year = new double[n], a = new double[n], b = new double[n], flat = new double[n];
        for (int u = 0; u < units; u++) {
            for (int t = 0; t < years; t++) {
                int r = u * years + t;
                unit[r] = "u" + u;
                year[r] = 2000 + t;
                a[r] = 1 + u + 0.5 * t + (r % 7) * 0.1;
                b[r] = 10 - 0.3 * u + (r % 5) * 0.2;
                flat[r] = 3.0;
            }
        }
        PanelFrame frame = new PanelFrame("unit", "year", null, Map.of()).withText("unit", unit)
                .withNumeric("year", year).withNumeric("a", a).withNumeric("b", b).withNumeric("flat", flat);
        for (int k = 0; k < extraColumns; k++) {
            double[] x = new double[n];
            for (int r = 0; r < n; r++) {
                x[r] = Math.sin(r * 0.37 + k) * 1000 + k;
            }
            frame = frame.withNumeric("x" + k, x);
        }
        return new PanelCleaned(runId, spec, frame.toTable(),
                new DataQualityReport(n, units, years, "2000", Integer.toString(1999 + years), true, 0,
                        List.of(), List.of(), List.of()),
                new DataProvenance("test.csv", "0".repeat(64), 1, "0".repeat(64), Instant.now(), "test"));
    }

    @Test
    void computesIndicesOncePerRunEvenWhenTheEventIsRedelivered() {
        String runId = UUID.randomUUID().toString();
        String value = codec.encode(runId, Topics.PANEL_CLEANED, event(runId, spec("b"), 6, 5, 0));
        topics.send(Topics.PANEL_CLEANED, runId, value, Map.of());

        List<ConsumerRecord<String, String>> first = topics.readKey(Topics.INDICES_COMPUTED, runId, 1, WAIT);
        assertEquals(1, first.size(), "one indices-computed record");
        assertEquals("panelflow.indices.computed.v1", TopicClient.header(first.get(0), "ce_type"));
        IndicesComputed out = codec.decode(first.get(0).value(), IndicesComputed.class);
        assertEquals(1, out.indices().size());
        var di = out.indices().get(0);
        assertEquals("DI", di.name());
        assertEquals(30, di.values().size());
        assertEquals(1.0, di.weights().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
        assertTrue(PanelFrame.fromTable(out.panel()).has("DI"), "the panel carries the index column");

        topics.send(Topics.PANEL_CLEANED, runId, value, Map.of());
        List<ConsumerRecord<String, String>> both = topics.readKey(Topics.INDICES_COMPUTED, runId, 2, WAIT);
        assertEquals(2, both.size(), "the redelivered event is answered by republishing");
        assertEquals(EventJson.MAPPER.valueToTree(out), EventJson.MAPPER.valueToTree(
                codec.decode(both.get(1).value(), IndicesComputed.class)), "the republished result is the stored one");
        long rows = QuarkusTransaction.requiringNew().call(() -> IndexRun.count("runId", runId));
        assertEquals(1, rows, "one stored result per run");

        List<ConsumerRecord<String, String>> status = topics.readKey(Topics.RUN_STATUS, runId, 3, WAIT);
        List<String> states = status.stream().map(r -> EventJson.read(r.value(), JsonNode.class).get("status").asText()).toList();
        assertEquals(List.of("RUNNING", "COMPLETED", "COMPLETED"), states);
    }

    @Test
    void aPanelTravelsAsArrowByClaimCheckAndTheRecordStaysSmall() {
        String runId = UUID.randomUUID().toString();
        // 285 cities x 18 years x 40 columns, as the papers' city panels
        PanelCleaned big = event(runId, spec("b"), 285, 18, 37);
        String value = codec.encode(runId, Topics.PANEL_CLEANED, big);
        assertTrue(value.length() < 2000 && value.contains("\"arrow\":{"), "the record carries the panel's claim check");
        topics.send(Topics.PANEL_CLEANED, runId, value, Map.of());
        List<ConsumerRecord<String, String>> out = topics.readKey(Topics.INDICES_COMPUTED, runId, 1, WAIT);
        assertEquals(1, out.size());
        // the result's panel travels as Arrow; its per-unit index values make the rest large enough to be
        // claim-checked whole
        assertTrue(out.get(0).value().length() < 2000, "the result record is small JSON");
        IndicesComputed computed = codec.decode(out.get(0).value(), IndicesComputed.class);
        assertEquals(285 * 18, computed.indices().get(0).values().size());
        assertEquals(285 * 18, computed.panel().rows());
        String stored = QuarkusTransaction.requiringNew().call(() ->
                io.panelflow.index.persistence.IndexRun.<io.panelflow.index.persistence.IndexRun>findById(runId).eventJson);
        assertTrue(stored.contains("\"panel\":{\"arrow\":{"), "the stage keeps its output with the panel as Arrow");
    }

    @Test
    void claimCheckedPayloadsOlderThanTheRetentionArePurged() throws Exception {
        var old = claimChecks.put("purge-test", "test", "{\"old\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var fresh = claimChecks.put("purge-test", "test", "{\"fresh\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement(
                "update claimcheck.payload set created_at = now() - interval '8 days' where id = ?")) {
            ps.setString(1, old.id());
            assertEquals(1, ps.executeUpdate());
        }
        assertTrue(claimChecks.purgeOlderThan(Duration.ofDays(7)) >= 1);
        assertEquals("{\"fresh\":true}", new String(claimChecks.get(fresh), java.nio.charset.StandardCharsets.UTF_8));
        var gone = org.junit.jupiter.api.Assertions.assertThrows(io.panelflow.service.UnreadableEventException.class,
                () -> claimChecks.get(old));
        assertTrue(gone.getMessage().contains("not found"), gone.getMessage());
    }

    @Test
    void aFailingComputationPublishesFailedWithTheReason() {
        String runId = UUID.randomUUID().toString();
        topics.send(Topics.PANEL_CLEANED, runId, codec.encode(runId, Topics.PANEL_CLEANED,
                event(runId, spec("flat"), 4, 3, 0)), Map.of());
        List<ConsumerRecord<String, String>> status = topics.read(Topics.RUN_STATUS,
                rs -> rs.stream().anyMatch(r -> runId.equals(r.key()) && r.value().contains("FAILED")), WAIT);
        JsonNode failed = status.stream().filter(r -> runId.equals(r.key()) && r.value().contains("FAILED"))
                .map(r -> EventJson.read(r.value(), JsonNode.class)).findFirst().orElseThrow();
        assertEquals("INDEX", failed.get("stage").asText());
        assertTrue(failed.get("reason").asText().contains("flat"), "the reason names the indicator: " + failed);
        assertEquals(0L, (long) QuarkusTransaction.requiringNew().call(() -> IndexRun.count("runId", runId)));
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicWithTheReason() {
        String key = "garbage-" + UUID.randomUUID();
        topics.send(Topics.PANEL_CLEANED, key, "{not json", Map.of());
        List<ConsumerRecord<String, String>> dead = topics.readKey(Topics.DEAD_LETTER, key, 1, WAIT);
        assertEquals(1, dead.size());
        String reason = TopicClient.header(dead.get(0), "dead-letter-reason");
        assertNotNull(reason);
        assertTrue(reason.contains("unreadable PanelCleaned event"), reason);
        assertEquals(Topics.PANEL_CLEANED, TopicClient.header(dead.get(0), "dead-letter-topic"));
        assertTrue(Integer.parseInt(TopicClient.header(dead.get(0), "dead-letter-partition")) >= 0);
        assertTrue(Long.parseLong(TopicClient.header(dead.get(0), "dead-letter-offset")) >= 0);
        assertEquals("{not json", dead.get(0).value(), "the original value");
    }
}
