package io.panelflow.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A real Kafka broker for a {@code @QuarkusTest}: {@code @QuarkusTestResource(KafkaBrokerResource.class)}
 * (or {@code @WithTestResource}). Starts a {@link KafkaBroker} in a child JVM with the pipeline's
 * topics and points the application at it ({@code kafka.bootstrap.servers}, and
 * {@code KAFKA_BOOTSTRAP_SERVERS} for configuration that refers to it); stops it afterwards. A
 * test's field {@code @InjectKafkaBroker KafkaBroker broker} receives the broker, e.g. to
 * {@link KafkaBroker#kill()} and {@link KafkaBroker#restart()} it; a test that kills it restarts
 * it before it ends, since the application (and other test classes) keep using it.
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

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(broker, new TestInjector.AnnotatedAndMatchesType(InjectKafkaBroker.class, KafkaBroker.class));
    }

    /** The running broker, for tests that want to talk to it directly. */
    public KafkaBroker broker() {
        return broker;
    }
}
