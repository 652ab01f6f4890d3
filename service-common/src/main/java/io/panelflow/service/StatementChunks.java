package io.panelflow.service;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A {@link ChunkedInput} whose pieces come from one prepared query, run again for each piece (a chunk by its
 * number, a slice by its offset); a database failure is an {@link IOException}, and closing the stream closes
 * the statement.
 */
public abstract class StatementChunks extends ChunkedInput {
    private final PreparedStatement query;

    protected StatementChunks(PreparedStatement query) {
        this.query = query;
    }

    /** Runs the query for the next piece: its bytes, or null after the last. */
    protected abstract byte[] fetch(PreparedStatement query) throws SQLException;

    @Override
    protected final byte[] nextChunk() throws IOException {
        try {
            return fetch(query);
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            query.close();
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
