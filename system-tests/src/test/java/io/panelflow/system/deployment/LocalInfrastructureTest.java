package io.panelflow.system.deployment;

import io.panelflow.testing.KafkaBroker;
import io.panelflow.testing.PostgresDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.panelflow.model.Topics;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** test-support's real broker and database: what every service test relies on. */
class LocalInfrastructureTest {
    @Test
    void brokerStartsWithTopicsAndCarriesAMessage() throws Exception {
        long t0 = System.nanoTime();
        KafkaBroker kafka = KafkaBroker.start();
        try (kafka) {
            System.out.printf("[deployment] Kafka broker in a child JVM ready in %d ms (start() %d ms incl. classpath)%n",
                    kafka.startMillis(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            Map<String, Object> common = Map.of("bootstrap.servers", kafka.bootstrapServers());
            try (Admin admin = Admin.create(Map.<String, Object>copyOf(common))) {
                Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                assertTrue(names.containsAll(Topics.ALL), "topics: " + names);
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(common, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.RUN_STATUS, "run-1", "{\"status\":\"RUNNING\"}")).get(30, TimeUnit.SECONDS);
            }
            Map<String, Object> consumerConfig = new java.util.HashMap<>(common);
            consumerConfig.put("group.id", "deployment-test");
            consumerConfig.put("auto.offset.reset", "earliest");
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(Topics.RUN_STATUS));
                List<ConsumerRecord<String, String>> got = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (got.isEmpty() && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(500)).forEach(got::add);
                }
                assertEquals(1, got.size());
                assertEquals("run-1", got.get(0).key());
            }
        }
        assertFalse(kafka.isAlive(), "broker stopped");
        assertFalse(Files.exists(kafka.workDir()), "work folder removed");
    }

    @Test
    void freshDatabaseIsCreatedAndDropped() throws Exception {
        String name;
        try (PostgresDatabase db = PostgresDatabase.createFresh()) {
            name = db.name();
            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA ingest");
                s.execute("CREATE TABLE ingest.t (id int)");
                try (ResultSet rs = s.executeQuery("SELECT current_database()")) {
                    assertTrue(rs.next());
                    assertEquals(name, rs.getString(1));
                }
            }
        }
        try (PostgresDatabase other = PostgresDatabase.createFresh();
             Connection c = other.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
            assertTrue(rs.next());
            assertEquals(0, rs.getInt(1), "dropped on close");
        }
    }
}
