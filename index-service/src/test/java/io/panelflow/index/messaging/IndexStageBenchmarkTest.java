package io.panelflow.index.messaging;

import io.panelflow.model.Topics;
import io.panelflow.model.event.PanelCleaned;
import io.panelflow.model.spec.SpecReader;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.service.EventCodec;
import io.panelflow.testing.KafkaBrokerResource;
import io.panelflow.testing.PostgresDatabaseResource;
import io.panelflow.testing.TopicClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The index stage's cost of moving a panel, by command (README, Benchmarks): a panel of
 * {@code -Dpanelflow.bench.rows} rows (units × 10 years, 9 numeric columns besides the keys) and a spec
 * with no index, so the stage only reads the panel and writes it on. Times the producer's encoding, the
 * stage from the record's send to its {@code indices-computed} record, and a consumer's decoding; prints
 * the record and claim-check payload sizes. Skipped unless the property is set.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class IndexStageBenchmarkTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EventCodec codec;

    @Inject
    DataSource dataSource;

    @Test
    void indexStageOnALargePanel() throws Exception {
        int rows = Integer.getInteger("panelflow.bench.rows", 0);
        Assumptions.assumeTrue(rows > 0, "benchmark: set -Dpanelflow.bench.rows=200000 to run it");
        int runs = Integer.getInteger("panelflow.bench.runs", 3);
        StudySpec spec = SpecReader.read("""
                name: index-stage-benchmark
                panel: {unit: unit, time: year}
                models:
                  - {id: twfe, formula: "a ~ b + x0 + x1 | unit + year", vcov: {cluster: unit}}
                """);
        List<String> lines = new ArrayList<>();
        try (TopicClient topics = new TopicClient(bootstrap)) {
            for (int i = 0; i <= runs; i++) {
                String runId = UUID.randomUUID().toString();
                PanelCleaned event = PanelCleanedConsumerTest.event(runId, spec, rows / 10, 10, 6);
                long t0 = System.nanoTime();
                String value = codec.encode(runId, Topics.PANEL_CLEANED, event);
                long t1 = System.nanoTime();
                topics.send(Topics.PANEL_CLEANED, runId, value, Map.of());
                List<ConsumerRecord<String, String>> out = topics.readKey(Topics.INDICES_COMPUTED, runId, 1,
                        Duration.ofMinutes(5));
                long t2 = System.nanoTime();
                if (out.isEmpty()) {
                    throw new AssertionError("no indices-computed record for run " + runId);
                }
                long t3 = System.nanoTime();
                var computed = codec.decode(out.get(0).value(), io.panelflow.model.event.IndicesComputed.class);
                long t4 = System.nanoTime();
                if (computed.panel().rows() != event.panel().rows()) {
                    throw new AssertionError("rows " + computed.panel().rows());
                }
                String line = String.format(Locale.ROOT,
                        "{\"run\": %d, \"rows\": %d, \"encode_s\": %.3f, \"index_stage_s\": %.3f, \"decode_s\": %.3f, "
                                + "\"panel_cleaned_record_bytes\": %d, \"indices_computed_record_bytes\": %d, \"stored_bytes\": %s}",
                        i, event.panel().rows(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t4 - t3) / 1e9, value.length(),
                        out.get(0).value().length(), storedBytes(runId));
                System.out.println("BENCH " + (i == 0 ? "(warm-up) " : "") + line);
                if (i > 0) {
                    lines.add(line);
                }
            }
        }
        System.out.println("BENCH summary:\n" + String.join("\n", lines));
    }

    private String storedBytes(String runId) throws Exception {
        Map<String, Long> sizes = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select kind, sum(bytes) from claimcheck.payload where run_id = ? group by kind")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sizes.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        StringBuilder b = new StringBuilder("{");
        sizes.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append('"').append(k).append("\": ").append(v));
        return b.append('}').toString();
    }
}
