package io.panelflow.ingest.persistence;

/** Unpublished outbox records: how many, and the age in seconds of the oldest (0 when none). */
public record OutboxBacklog(long pending, double oldestAgeSeconds) {
    public static final OutboxBacklog EMPTY = new OutboxBacklog(0, 0);
}
