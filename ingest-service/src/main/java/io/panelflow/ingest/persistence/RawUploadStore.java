package io.panelflow.ingest.persistence;

import io.agroal.api.AgroalDataSource;
import io.panelflow.ingest.upload.UploadedFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The raw uploads, byte for byte, in {@code upload_chunk} rows of {@value #CHUNK_BYTES} bytes: written from the
 * file as it is streamed (inside the caller's transaction, so the upload row, its chunks and its outbox rows
 * commit together) and read back one chunk at a time.
 */
@ApplicationScoped
public class RawUploadStore {
    public static final int CHUNK_BYTES = 1024 * 1024;

    @Inject
    AgroalDataSource dataSource;

    /** Stores the file under the run; call inside the transaction that stores the run. */
    public void store(String runId, UploadedFile file) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("insert into upload_chunk (run_id, seq, data) values (?, ?, ?)");
             InputStream in = file.open()) {
            byte[] buffer = new byte[CHUNK_BYTES];
            int seq = 0;
            int n;
            while ((n = in.readNBytes(buffer, 0, CHUNK_BYTES)) > 0) {
                insert.setString(1, runId);
                insert.setInt(2, seq++);
                insert.setBytes(3, n == CHUNK_BYTES ? buffer : Arrays.copyOf(buffer, n));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("storing the upload of run " + runId + " failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the run's upload is stored in chunks (uploads stored before are in {@code uploaded_run.raw_data}). */
    public boolean has(String runId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select 1 from upload_chunk where run_id = ? and seq = 0")) {
            q.setString(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the upload of run " + runId + " failed", e);
        }
    }

    /** Writes the run's upload to {@code out}, one chunk in memory at a time. */
    public void writeTo(String runId, OutputStream out) throws IOException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("select data from upload_chunk where run_id = ? and seq = ?")) {
            for (int seq = 0; ; seq++) {
                q.setString(1, runId);
                q.setInt(2, seq);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        return;
                    }
                    out.write(rs.getBytes(1));
                }
            }
        } catch (SQLException e) {
            throw new IOException("reading the upload of run " + runId + " failed", e);
        }
    }
}
