package io.panelflow.service;

import io.panelflow.model.event.ClaimCheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * <p>Payloads are streamed both ways ({@link #put(String, String, PayloadWriter)},
 * {@link #read(ClaimCheck, PayloadReader)}): a store holds a few megabytes of a payload in memory at a
 * time, whatever its size, so a panel of millions of rows is never a second time on the heap as bytes.
 *
 * <p>Reading distinguishes what can never succeed — a check naming another store, a payload not found
 * (purged, or never stored), a hash mismatch: {@link UnreadableEventException} — from an outage of the
 * database or object store, which is transient ({@link IllegalStateException}) and retried by the
 * {@link DeliveryPolicy}.
 */
public interface ClaimCheckStore {
    /** Writes a payload to the stream a store gives it. */
    @FunctionalInterface
    interface PayloadWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Reads a payload from the stream a store gives it; an {@link IOException} of its own says the bytes are not what it reads. */
    @FunctionalInterface
    interface PayloadReader<T> {
        T readFrom(InputStream in) throws IOException;
    }

    /**
     * Stores what {@code writer} writes for run {@code runId}; {@code kind} names what it is (a topic, a
     * panel). Inside the caller's transaction when there is one (the intake's), else in one of its own.
     */
    ClaimCheck put(String runId, String kind, PayloadWriter writer);

    /**
     * What {@code reader} makes of the stored payload, once the whole payload has been read and found to
     * match the claim's size and SHA-256. A failure of {@code reader} on bytes that do match is thrown as
     * it is ({@link IOException}); a failure of the store while it streams is transient.
     */
    <T> T read(ClaimCheck check, PayloadReader<T> reader) throws IOException;

    /** Stores {@code payload} for run {@code runId}. */
    default ClaimCheck put(String runId, String kind, byte[] payload) {
        return put(runId, kind, out -> out.write(payload));
    }

    /** The stored bytes, checked against the claim's size and SHA-256. */
    default byte[] get(ClaimCheck check) {
        try {
            return read(check, InputStream::readAllBytes);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read claim-checked payload " + check.id() + ": " + e.getMessage(), e);
        }
    }

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
