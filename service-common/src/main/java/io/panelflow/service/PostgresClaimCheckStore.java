package io.panelflow.service;

import io.panelflow.model.event.ClaimCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The claim-check store of the embedded default ({@code panelflow.claim-check.store=postgres}): a table
 * ({@code bytea}) in the shared schema {@code claimcheck} of the pipeline's database. A payload written
 * inside a JTA transaction (the intake's upload) commits or rolls back with it.
 */
@ApplicationScoped
@Typed(PostgresClaimCheckStore.class)
public class PostgresClaimCheckStore implements ClaimCheckStore {
    public static final String STORE = "postgres:claimcheck.payload";

    @Inject
    DataSource dataSource;

    private volatile boolean ready;

    @Override
    public ClaimCheck put(String runId, String kind, byte[] payload) {
        ensureTable();
        String id = UUID.randomUUID().toString();
        String sha = ClaimCheckStore.sha256(payload);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "insert into claimcheck.payload(id, run_id, kind, sha256, bytes, content) values (?,?,?,?,?,?)")) {
            ps.setString(1, id);
            ps.setString(2, runId);
            ps.setString(3, kind);
            ps.setString(4, sha);
            ps.setLong(5, payload.length);
            ps.setBytes(6, payload);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the claim-checked payload of run " + runId + ": " + e.getMessage(), e);
        }
        return new ClaimCheck(STORE, id, sha, payload.length);
    }

    @Override
    public byte[] get(ClaimCheck check) {
        if (!STORE.equals(check.store())) {
            throw new UnreadableEventException("unknown claim-check store '" + check.store() + "'", null);
        }
        ensureTable();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select content from claimcheck.payload where id = ?")) {
            ps.setString(1, check.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new UnreadableEventException("claim-checked payload " + check.id() + " not found", null);
                }
                byte[] content = rs.getBytes(1);
                if (!ClaimCheckStore.sha256(content).equals(check.sha256())) {
                    throw new UnreadableEventException("claim-checked payload " + check.id() + " does not match its SHA-256", null);
                }
                return content;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read claim-checked payload " + check.id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int purgeOlderThan(java.time.Duration retention) {
        ensureTable();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "delete from claimcheck.payload where created_at < now() - make_interval(secs => ?)")) {
            ps.setDouble(1, retention.toMillis() / 1000.0);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot purge claim-checked payloads: " + e.getMessage(), e);
        }
    }

    /**
     * Creates the schema and table if they do not exist yet (once per process). The DDL commits on
     * its own connection, so a caller that will {@link #put} inside a JTA transaction calls this
     * first, outside it.
     */
    @Override
    public void ensureReady() {
        ensureTable();
    }

    private void ensureTable() {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (ready) {
                return;
            }
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                // Several services may race here on first start; the transaction-scoped advisory lock
                // keeps the DDL serial, so the lock and the DDL must share one transaction.
                boolean autoCommit = c.getAutoCommit();
                c.setAutoCommit(false);
                st.execute("select pg_advisory_xact_lock(4711)");
                st.execute("create schema if not exists claimcheck");
                st.execute("create table if not exists claimcheck.payload (id varchar(36) primary key, "
                        + "run_id varchar(64) not null, kind varchar(64) not null, sha256 char(64) not null, "
                        + "bytes bigint not null, content bytea not null, created_at timestamptz not null default now())");
                c.commit();
                c.setAutoCommit(autoCommit);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create the claim-check table: " + e.getMessage(), e);
            }
            ready = true;
        }
    }
}
