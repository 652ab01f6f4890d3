package io.panelflow.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Locale;

/**
 * Chooses the one {@link ClaimCheckStore} of a service by {@code panelflow.claim-check.store}:
 * {@code postgres} (the default: the pipeline's database) or {@code s3} (an S3-compatible object store,
 * for clusters). Every service of a deployment must use the same store: a claim check names its store,
 * and one naming another store is unreadable.
 */
@ApplicationScoped
public class ClaimCheckStores {
    @ConfigProperty(name = "panelflow.claim-check.store", defaultValue = "postgres")
    String store;

    @Produces
    @ApplicationScoped
    ClaimCheckStore claimCheckStore(Instance<PostgresClaimCheckStore> postgres, Instance<S3ClaimCheckStore> s3) {
        return switch (store.trim().toLowerCase(Locale.ROOT)) {
            case "postgres", "postgresql" -> postgres.get();
            case "s3" -> s3.get();
            default -> throw new IllegalStateException("panelflow.claim-check.store is '" + store
                    + "'; it must be postgres or s3");
        };
    }
}
