package io.panelflow.service;

import io.panelflow.model.event.ClaimCheck;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads a stored payload for a {@link ClaimCheckStore.PayloadReader}: what passes is hashed and counted, and
 * a failure of the store's own stream (a database or object-store error) is noted whatever the reader
 * makes of it. {@link #read(ClaimCheck, InputStream, ClaimCheckStore.PayloadReader)} applies the stores'
 * common verdicts: the reader's result only for a payload that matches its claim in size and SHA-256; a
 * mismatch unreadable (even when the reader failed first, on the damaged bytes); a store failure transient.
 */
final class VerifiedPayloadInput extends InputStream {
    private final InputStream source;
    private final MessageDigest digest;
    private long count;
    private Exception storeFailure;

    private VerifiedPayloadInput(InputStream source) {
        this.source = source;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The reader's result on the payload {@code source} streams, with the verdicts above. */
    static <T> T read(ClaimCheck check, InputStream source, ClaimCheckStore.PayloadReader<T> reader) throws IOException {
        VerifiedPayloadInput in = new VerifiedPayloadInput(source);
        T value = null;
        Exception readerFailure = null;
        try {
            value = reader.readFrom(in);
        } catch (IOException | RuntimeException e) {
            readerFailure = e;
        }
        if (in.storeFailure == null) {
            in.drain();
        }
        if (in.storeFailure != null) {
            throw new IllegalStateException("cannot read claim-checked payload " + check.id() + ": "
                    + in.storeFailure.getMessage(), in.storeFailure);
        }
        if (in.count != check.bytes() || !HexFormat.of().formatHex(in.digest.digest()).equals(check.sha256())) {
            throw new UnreadableEventException("claim-checked payload " + check.id() + " does not match its SHA-256", null);
        }
        if (readerFailure instanceof IOException io) {
            throw io;
        }
        if (readerFailure != null) {
            throw (RuntimeException) readerFailure;
        }
        return value;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = source.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            storeFailure = e;
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        if (n > 0) {
            digest.update(b, off, n);
            count += n;
        }
        return n;
    }

    /** Reads what the reader left, so the whole payload is hashed. */
    private void drain() {
        byte[] rest = new byte[1 << 16];
        try {
            while (read(rest, 0, rest.length) >= 0) {
                // hashed by read
            }
        } catch (IOException e) {
            // noted as the store's failure by read
        }
    }
}
