package io.panelflow.service;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stream a store hands a {@link ClaimCheckStore.PayloadWriter}: it cuts the payload into chunks of a
 * fixed size, hands each to a {@link ChunkSink} as it fills (a table row, a part of a multipart upload),
 * and hashes and counts what passes, so the claim check is known when the stream is closed. A chunk is
 * handed on only once the next byte arrives or the stream is closed, so the sink knows which chunk is the
 * last ({@code last} is true for exactly one call, possibly an empty chunk of an empty payload).
 */
final class ChunkedPayloadOutput extends OutputStream {
    /** Receives the chunks in order; {@code bytes} is reused after the call returns. */
    @FunctionalInterface
    interface ChunkSink {
        void accept(int seq, byte[] bytes, int length, boolean last) throws IOException;
    }

    private final ChunkSink sink;
    private final byte[] chunk;
    private final MessageDigest digest;
    private int filled;
    private int seq;
    private long count;
    private boolean closed;
    private String sha256;

    ChunkedPayloadOutput(int chunkBytes, ChunkSink sink) {
        this.sink = sink;
        this.chunk = new byte[chunkBytes];
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("the payload is closed");
        }
        digest.update(b, off, len);
        count += len;
        while (len > 0) {
            if (filled == chunk.length) {
                sink.accept(seq++, chunk, filled, false);
                filled = 0;
            }
            int n = Math.min(len, chunk.length - filled);
            System.arraycopy(b, off, chunk, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    /** Hands on the last chunk. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            sha256 = HexFormat.of().formatHex(digest.digest());
            sink.accept(seq++, chunk, filled, true);
        }
    }

    /** The bytes written. */
    long count() {
        return count;
    }

    /** The SHA-256 of the bytes written, in hex; known once the stream is {@linkplain #close closed}. */
    String sha256() {
        if (sha256 == null) {
            throw new IllegalStateException("the payload is not closed yet");
        }
        return sha256;
    }
}
