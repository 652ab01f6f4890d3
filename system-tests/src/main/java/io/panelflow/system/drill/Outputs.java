package io.panelflow.system.drill;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * What the pipeline produced per run, to find doubles: the {@code reports-ready} records (the topic
 * read from the beginning to its end offsets) and the stored results (estimation results and
 * report documents per format).
 */
final class Outputs {
    private Outputs() {
    }

    /** Records per run id (the record key) on {@code topic}, from the first offset to the current end. */
    static Map<String, Integer> recordsPerRun(String bootstrapServers, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "panelflow-drill-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!reached(consumer, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    counts.merge(r.key(), 1, Integer::sum);
                }
            }
            if (!reached(consumer, end)) {
                throw new IllegalStateException("could not read " + topic + " to its end within 60 s");
            }
        }
        return counts;
    }

    private static boolean reached(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), Duration.ofSeconds(10)) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The runs the ingest stored (accepted) at or after {@code since}. */
    static Set<String> storedSince(Connection c, java.time.Instant since) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement st = c.prepareStatement("select run_id from ingest.uploaded_run where accepted_at >= ?")) {
            st.setTimestamp(1, java.sql.Timestamp.from(since));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The runs among {@code runIds} with more than one stored estimation result or report document of a format. */
    static Set<String> storedTwice(Connection c, Collection<String> runIds) throws SQLException {
        Set<String> out = new HashSet<>();
        String[] queries = {
                "select run_id from estimation.estimation_run where run_id = any(?) group by run_id having count(*) > 1",
                "select run_id from report.report_document where run_id = any(?) group by run_id, format having count(*) > 1"};
        for (String q : queries) {
            try (PreparedStatement st = c.prepareStatement(q)) {
                st.setArray(1, c.createArrayOf("varchar", runIds.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
        }
        return out;
    }
}
