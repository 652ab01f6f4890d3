package io.panelflow.service;

import java.io.IOException;
import java.io.InputStream;

/**
 * A stream over a payload stored in pieces (table rows, slices of a column), fetched one piece at a time as the
 * reader needs it: only the current piece is in memory. Subclasses say how to fetch the next piece.
 */
public abstract class ChunkedInput extends InputStream {
    private byte[] current = new byte[0];
    private int at;
    private boolean done;

    /** The next piece, or null after the last; a failure of the store is an {@link IOException}. */
    protected abstract byte[] nextChunk() throws IOException;

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (at == current.length) {
            if (done) {
                return -1;
            }
            byte[] next = nextChunk();
            if (next == null) {
                done = true;
                return -1;
            }
            current = next;
            at = 0;
        }
        int n = Math.min(len, current.length - at);
        System.arraycopy(current, at, b, off, n);
        at += n;
        return n;
    }
}
