package io.panelflow.report.assembly;

import io.panelflow.report.persistence.RunChanges;
import io.panelflow.service.RetentionPurge;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * {@code run_change} only serves dashboards that reconnect: rows older than
 * {@code panelflow.changes.retention} (default 1 h) are deleted every few minutes. Every replica runs
 * the purge; the DELETE is idempotent. A dashboard away longer reloads the run list anyway.
 */
@ApplicationScoped
public class RunChangeJanitor {
    private static final RetentionPurge PURGE =
            new RetentionPurge(RunChangeJanitor.class, "run change", "run changes", Logger.Level.DEBUG);

    @Inject
    RunChanges changes;

    @ConfigProperty(name = "panelflow.changes.retention", defaultValue = "PT1H")
    Duration retention;

    @Scheduled(every = "${panelflow.changes.purge-every:5m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        PURGE.run(retention, changes::purgeOlderThan);
    }
}
