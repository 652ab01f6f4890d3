package io.panelflow.model.event;

/**
 * Stands in a record for a payload too large for the broker: the producer stored the payload's JSON
 * and the consumer reads it back from {@code store} by {@code id}, checking its SHA-256.
 */
public record ClaimCheck(String store, String id, String sha256, long bytes) {
    public static final String HEADER = "panelflow_claim_check";
}
