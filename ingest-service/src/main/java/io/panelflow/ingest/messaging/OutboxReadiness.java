package io.panelflow.ingest.messaging;

import io.panelflow.ingest.persistence.OutboxBacklog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The outbox backlog in the readiness report, as data: a backlog alone does not make ingest unready
 * (uploads are still accepted and wait for the broker); whether the database is reachable is the
 * datasource's own readiness check.
 */
@Readiness
@ApplicationScoped
public class OutboxReadiness implements HealthCheck {
    @Inject
    OutboxRelay relay;

    @Override
    public HealthCheckResponse call() {
        OutboxBacklog b = relay.backlog();
        return HealthCheckResponse.named("intake outbox").up()
                .withData("pending", b.pending())
                .withData("oldestPendingAgeSeconds", Math.round(b.oldestAgeSeconds()))
                .build();
    }
}
