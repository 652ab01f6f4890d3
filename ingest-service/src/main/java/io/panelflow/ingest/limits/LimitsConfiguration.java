package io.panelflow.ingest.limits;

import io.panelflow.model.spec.SpecLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The cost limits of this ingest service: {@link SpecLimits#DEFAULT}, each overridable by
 * {@code panelflow.limits.<key>} ({@link SpecLimits#KEYS}); an unreadable value stops the service at start.
 */
@ApplicationScoped
public class LimitsConfiguration {

    @Produces
    @Singleton
    SpecLimits specLimits() {
        Config config = ConfigProvider.getConfig();
        return SpecLimits.from(key -> config.getOptionalValue(key, String.class));
    }
}
