package io.panelflow.service;

import io.panelflow.model.event.ClaimCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

/**
 * The claim-check store of the embedded default ({@code panelflow.claim-check.store=postgres}), in the
 * shared schema {@code claimcheck} of the pipeline's database: a row per payload in {@code payload} (run,
 * kind, SHA-256, size) and its bytes in {@code payload_chunk} rows of {@value #CHUNK_BYTES} bytes, written
 * and read one chunk at a time. The chunks are stored uncompressed ({@code storage external}): panels in
 * Arrow barely compress, and trying costs more than it saves. A payload written inside a JTA transaction
 * (the intake's upload) commits or rolls back with it; outside one it is written in a transaction of its
 * own, so a failure halfway leaves no chunks. Rows written by earlier versions, bytes inline in
 * {@code payload.content}, are still read.
 */
@ApplicationScoped
@Typed(PostgresClaimCheckStore.class)
public class PostgresClaimCheckStore implements ClaimCheckStore {
    public static final String STORE = "postgres:claimcheck.payload";
    static final int CHUNK_BYTES = 1024 * 1024;

    @Inject
    DataSource dataSource;

    private final Once ready = new Once();

    @Override
    public ClaimCheck put(String runId, String kind, PayloadWriter writer) {
        ensureReady();
        String id = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection()) {
            boolean ownTransaction = c.getAutoCommit();
            if (ownTransaction) {
                c.setAutoCommit(false);
            }
            try (PreparedStatement chunk = c.prepareStatement(
                    "insert into claimcheck.payload_chunk(id, seq, content) values (?,?,?)");
                 PreparedStatement head = c.prepareStatement(
                         "insert into claimcheck.payload(id, run_id, kind, sha256, bytes) values (?,?,?,?,?)")) {
                ChunkedPayloadOutput out = new ChunkedPayloadOutput(CHUNK_BYTES, (seq, bytes, length, last) -> {
                    if (length == 0) {
                        return;
                    }
                    try {
                        chunk.setString(1, id);
                        chunk.setInt(2, seq);
                        chunk.setBytes(3, length == bytes.length ? bytes : Arrays.copyOf(bytes, length));
                        chunk.executeUpdate();
                    } catch (SQLException e) {
                        throw new StoreFailure(e);
                    }
                });
                writer.writeTo(out);
                out.close();
                String sha = out.sha256();
                head.setString(1, id);
                head.setString(2, runId);
                head.setString(3, kind);
                head.setString(4, sha);
                head.setLong(5, out.count());
                head.executeUpdate();
                if (ownTransaction) {
                    c.commit();
                }
                return new ClaimCheck(STORE, id, sha, out.count());
            } catch (SQLException | IOException | RuntimeException e) {
                if (ownTransaction) {
                    c.rollback();
                }
                throw e;
            } finally {
                if (ownTransaction) {
                    c.setAutoCommit(true);
                }
            }
        } catch (StoreFailure e) {
            throw new IllegalStateException("cannot store the claim-checked payload of run " + runId + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot store the claim-checked payload of run " + runId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T read(ClaimCheck check, PayloadReader<T> reader) throws IOException {
        if (!STORE.equals(check.store())) {
            throw new UnreadableEventException("unknown claim-check store '" + check.store() + "'", null);
        }
        ensureReady();
        try (Connection c = dataSource.getConnection();
             PreparedStatement head = c.prepareStatement("select content from claimcheck.payload where id = ?")) {
            head.setString(1, check.id());
            byte[] inline;
            try (ResultSet rs = head.executeQuery()) {
                if (!rs.next()) {
                    throw new UnreadableEventException("claim-checked payload " + check.id() + " not found", null);
                }
                inline = rs.getBytes(1);
            }
            try (InputStream source = inline != null ? new ByteArrayInputStream(inline) : new Chunks(c, check.id())) {
                return VerifiedPayloadInput.read(check, source, reader);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read claim-checked payload " + check.id() + ": " + e.getMessage(), e);
        }
    }

    /** The chunks of one payload as a stream, fetched one at a time. */
    private static final class Chunks extends StatementChunks {
        private final String id;
        private int seq;

        Chunks(Connection c, String id) throws SQLException {
            super(c.prepareStatement("select content from claimcheck.payload_chunk where id = ? and seq = ?"));
            this.id = id;
        }

        @Override
        protected byte[] fetch(PreparedStatement query) throws SQLException {
            query.setString(1, id);
            query.setInt(2, seq++);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    /** Deletes, in one transaction, the payloads stored before {@code now − retention} and their chunks. */
    @Override
    public int purgeOlderThan(Duration retention) {
        ensureReady();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement chunks = c.prepareStatement("delete from claimcheck.payload_chunk where id in "
                    + "(select id from claimcheck.payload where created_at < now() - make_interval(secs => ?))");
                 PreparedStatement heads = c.prepareStatement(
                         "delete from claimcheck.payload where created_at < now() - make_interval(secs => ?)")) {
                double seconds = retention.toMillis() / 1000.0;
                chunks.setDouble(1, seconds);
                chunks.executeUpdate();
                heads.setDouble(1, seconds);
                int deleted = heads.executeUpdate();
                c.commit();
                return deleted;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot purge claim-checked payloads: " + e.getMessage(), e);
        }
    }

    /**
     * Creates the schema and tables if they do not exist yet, and brings those of earlier versions up to
     * date (once per process). The DDL commits on its own connection, so a caller that will {@link #put}
     * inside a JTA transaction calls this first, outside it.
     */
    @Override
    public void ensureReady() {
        ready.run(this::createTables);
    }

    private void createTables() {
        SharedTables.create(dataSource, "claim-check tables",
                "create schema if not exists claimcheck",
                "create table if not exists claimcheck.payload (id varchar(36) primary key, "
                        + "run_id varchar(64) not null, kind varchar(64) not null, sha256 char(64) not null, "
                        + "bytes bigint not null, content bytea, created_at timestamptz not null default now())",
                "create table if not exists claimcheck.payload_chunk (id varchar(36) not null, seq integer not null, "
                        + "content bytea not null, primary key (id, seq))",
                // idempotent, but each takes a table lock: only where an earlier version left it otherwise
                "do $$ begin "
                        + "if exists (select 1 from pg_attribute where attrelid = 'claimcheck.payload'::regclass "
                        + "and attname = 'content' and attnotnull) then "
                        + "alter table claimcheck.payload alter column content drop not null; end if; "
                        + "if exists (select 1 from pg_attribute where attrelid = 'claimcheck.payload_chunk'::regclass "
                        + "and attname = 'content' and attstorage <> 'e') then "
                        + "alter table claimcheck.payload_chunk alter column content set storage external; end if; "
                        + "end $$");
    }

    /** A database failure met while a chunk was written, carried out of the writer's stream. */
    private static final class StoreFailure extends RuntimeException {
        StoreFailure(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
