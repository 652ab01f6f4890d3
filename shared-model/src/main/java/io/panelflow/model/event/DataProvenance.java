package io.panelflow.model.event;

import java.time.Instant;

/** Where a run's data came from: the uploaded file's name, SHA-256 and size, and when it was accepted. */
public record DataProvenance(String fileName, String sha256, long bytes, String specSha256, Instant acceptedAt,
                             String version) {
}
