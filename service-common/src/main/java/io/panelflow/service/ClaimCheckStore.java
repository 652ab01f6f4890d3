package io.panelflow.service;

import io.panelflow.model.event.ClaimCheck;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Claim-check storage for payloads that do not belong in a broker record: panels (Arrow IPC streams)
 * and events too large for one record (JSON). The producer stores the bytes, the record carries a
 * {@link ClaimCheck} (store, id, SHA-256, size), any consumer reads them back; bytes that do not hash to
 * the claimed value are refused. One implementation is in use, chosen by
 * {@code panelflow.claim-check.store}: {@code postgres} (default, {@link PostgresClaimCheckStore}) or
 * {@code s3} ({@link S3ClaimCheckStore}).
 *
 * <p>Reading distinguishes what can never succeed — a check naming another store, a payload not found
 * (purged, or never stored), a hash mismatch: {@link UnreadableEventException} — from an outage of the
 * database or object store, which is transient ({@link IllegalStateException}) and retried by the
 * {@link DeliveryPolicy}.
 */
public interface ClaimCheckStore {
    /** Stores {@code payload} for run {@code runId}; {@code kind} names what it is (a topic, a panel). */
    ClaimCheck put(String runId, String kind, byte[] payload);

    /** The stored bytes, checked against the claim's SHA-256. */
    byte[] get(ClaimCheck check);

    /** Deletes the payloads stored before {@code now − retention}; returns how many. */
    int purgeOlderThan(Duration retention);

    /**
     * Prepares the store (creates the table, or checks the bucket) once per process, so a caller that
     * will {@link #put} inside a transaction can do it first, outside.
     */
    void ensureReady();

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
