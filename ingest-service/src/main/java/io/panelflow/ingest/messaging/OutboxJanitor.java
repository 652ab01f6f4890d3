package io.panelflow.ingest.messaging;

import io.panelflow.ingest.persistence.IntakeOutbox;
import io.panelflow.service.RetentionPurge;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Published outbox rows are kept for {@code panelflow.outbox.retention} (default 7 days, for
 * inspection) and then deleted, hourly; unpublished rows are never deleted. Every replica runs it;
 * the DELETE is idempotent.
 */
@ApplicationScoped
public class OutboxJanitor {
    private static final RetentionPurge PURGE =
            new RetentionPurge(OutboxJanitor.class, "outbox", "published outbox rows", Logger.Level.INFO);

    @Inject
    IntakeOutbox outbox;

    @ConfigProperty(name = "panelflow.outbox.retention", defaultValue = "P7D")
    Duration retention;

    @Scheduled(every = "${panelflow.outbox.purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        PURGE.run(retention, olderThan ->
                QuarkusTransaction.requiringNew().call(() -> outbox.purgePublishedOlderThan(olderThan)));
    }
}
