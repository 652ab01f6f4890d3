package io.panelflow.ingest.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The outbox backlog as gauges (refreshed by the relay every second):
 * {@code panelflow_outbox_pending} — records accepted but not yet on the broker; and
 * {@code panelflow_outbox_oldest_pending_age_seconds} — how long the oldest of them has waited.
 * A growing age means the relay cannot publish (broker down or unreachable); uploads are still
 * accepted meanwhile.
 */
@ApplicationScoped
public class OutboxBacklogMetrics {
    @Inject
    MeterRegistry registry;

    @Inject
    OutboxRelay relay;

    void register(@Observes StartupEvent start) {
        Gauge.builder("panelflow.outbox.pending", relay, r -> r.backlog().pending())
                .description("Outbox records of accepted uploads not yet published to the broker")
                .register(registry);
        Gauge.builder("panelflow.outbox.oldest.pending.age", relay, r -> r.backlog().oldestAgeSeconds())
                .description("Age of the oldest unpublished outbox record")
                .baseUnit("seconds")
                .register(registry);
    }
}
