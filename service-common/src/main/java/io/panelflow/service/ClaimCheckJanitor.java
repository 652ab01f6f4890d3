package io.panelflow.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Claim-checked payloads are needed only until their records are consumed (and for redeliveries):
 * every stage keeps its own output in its own table and re-encodes it when it republishes. So the
 * shared payload table is purged of rows older than {@code panelflow.claim-check.retention}
 * (default 7 days), hourly. Every service runs the purge; the DELETE is idempotent.
 */
@ApplicationScoped
public class ClaimCheckJanitor {
    private static final RetentionPurge PURGE =
            new RetentionPurge(ClaimCheckJanitor.class, "claim-check", "claim-checked payloads", Logger.Level.INFO);

    @Inject
    ClaimCheckStore store;

    @ConfigProperty(name = "panelflow.claim-check.retention", defaultValue = "P7D")
    Duration retention;

    @Scheduled(every = "${panelflow.claim-check.purge-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        PURGE.run(retention, store::purgeOlderThan);
    }
}
