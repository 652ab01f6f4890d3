package io.panelflow.service;

/**
 * A record that can never be processed: not JSON, not a payload of its type, a claim check that is not
 * found, does not match its hash, or names an unknown store. The {@link DeliveryPolicy} sends it to the
 * dead-letter topic; nothing else is dead-lettered before the retries give up.
 */
public class UnreadableEventException extends RuntimeException {
    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
