package io.panelflow.ingest.messaging;

import io.panelflow.ingest.persistence.IntakeOutbox;
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
    private static final Logger LOG = Logger.getLogger(OutboxJanitor.class);

    @Inject
    IntakeOutbox outbox;

    @ConfigProperty(name = "panelflow.outbox.retention", defaultValue = "P7D")
    Duration retention;

    @Scheduled(every = "${panelflow.outbox.purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try {
            int purged = QuarkusTransaction.requiringNew().call(() -> outbox.purgePublishedOlderThan(retention));
            if (purged > 0) {
                LOG.infof("purged %d published outbox rows older than %s", purged, retention);
            }
        } catch (RuntimeException e) {
            LOG.warnf("outbox purge failed, will retry: %s", e.getMessage());
        }
    }
}
