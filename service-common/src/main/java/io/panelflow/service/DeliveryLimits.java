package io.panelflow.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Checks at start that the consumers' commit limit
 * ({@code panelflow.consumer.unprocessed-record-max-age-ms}, used as every incoming channel's
 * {@code throttled.unprocessed-record-max-age.ms}) covers two records of the longest allowed handling:
 * the longest stage deadline plus the retry budget. A smaller limit would fail the channel while a
 * legitimate computation or retry is still under way; the service then says so in its log.
 */
@ApplicationScoped
public class DeliveryLimits {
    private static final Logger LOG = Logger.getLogger(DeliveryLimits.class);

    void check(@Observes StartupEvent event) {
        Config config = ConfigProvider.getConfig();
        Long limit = config.getOptionalValue("panelflow.consumer.unprocessed-record-max-age-ms", Long.class).orElse(null);
        if (limit == null || limit <= 0) {
            return;
        }
        Duration required = required(config);
        if (Duration.ofMillis(limit).compareTo(required) < 0) {
            LOG.warnf("panelflow.consumer.unprocessed-record-max-age-ms=%d is below 2 x (longest stage deadline + "
                    + "panelflow.retry.max-duration) = %d ms: a long computation or retry can fail the consumer; raise it",
                    limit, required.toMillis());
        }
    }

    static Duration required(Config config) {
        Duration deadline = config.getOptionalValue("panelflow.stage.deadline", Duration.class).orElse(Duration.ofMinutes(30));
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("panelflow.stage.") && name.endsWith(".deadline") && !name.equals("panelflow.stage.deadline")) {
                Duration d = config.getOptionalValue(name, Duration.class).orElse(Duration.ZERO);
                if (d.compareTo(deadline) > 0) {
                    deadline = d;
                }
            }
        }
        Duration retries = config.getOptionalValue("panelflow.retry.max-duration", Duration.class).orElse(Duration.ofMinutes(15));
        return deadline.plus(retries).multipliedBy(2);
    }
}
