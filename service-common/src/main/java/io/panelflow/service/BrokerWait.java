package io.panelflow.service;

import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;

/**
 * How long code waits for the broker to acknowledge a record it sent: the producers'
 * {@code kafka.delivery.timeout.ms} (120 s by default, the bound after which the producer itself gives
 * up) plus a margin, so a wait never gives up on a record the producer may still deliver.
 */
public final class BrokerWait {
    static final Duration MARGIN = Duration.ofSeconds(15);

    private BrokerWait() {
    }

    public static Duration forDelivery() {
        long deliveryMs = ConfigProvider.getConfig().getOptionalValue("kafka.delivery.timeout.ms", Long.class).orElse(120_000L);
        return Duration.ofMillis(deliveryMs).plus(MARGIN);
    }
}
