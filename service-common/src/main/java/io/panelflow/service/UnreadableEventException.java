package io.panelflow.service;

/** A record that cannot be decoded into its event type; it goes to the dead-letter topic. */
public class UnreadableEventException extends RuntimeException {
    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
