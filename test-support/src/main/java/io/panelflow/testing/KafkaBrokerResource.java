package io.panelflow.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A real Kafka broker for a {@code @QuarkusTest}: {@code @QuarkusTestResource(KafkaBrokerResource.class)}
 * (or {@code @WithTestResource}). Starts a {@link KafkaBroker} in a child JVM with the pipeline's
 * topics and points the application at it ({@code kafka.bootstrap.servers}, and
 * {@code KAFKA_BOOTSTRAP_SERVERS} for configuration that refers to it); stops it afterwards.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {
    private KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        broker = KafkaBroker.start();
        return Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** The running broker, for tests that want to talk to it directly. */
    public KafkaBroker broker() {
        return broker;
    }
}
