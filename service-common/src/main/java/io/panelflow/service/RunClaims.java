package io.panelflow.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/**
 * Who works on which run in which stage: the table {@code pipeline.run_claim}, one row per
 * (run, stage), shared by every stage of every service and replica.
 * <ul>
 *   <li>{@link #claim} inserts a CLAIMED row with {@code INSERT … ON CONFLICT DO NOTHING}: of two
 *       replicas that receive the same run (after a rebalance, or a redelivery), one gets it;</li>
 *   <li>a DONE row means the stage's output is stored: republish it, never compute again;
 *       a FAILED row keeps the reason, which is published again;</li>
 *   <li>a CLAIMED row whose heartbeat is older than {@code panelflow.claim.stale-after} (default 60 s)
 *       belongs to a replica that died: it is taken over with a conditional UPDATE; a fresh claim of
 *       another owner is waited for.</li>
 * </ul>
 * The schema and table are created on first use with idempotent DDL under the same transaction-scoped
 * advisory lock as the claim-check table (several services start at once); no service's Flyway owns them.
 */
@ApplicationScoped
public class RunClaims {
    /** The instance's identity in the claims: service, host and a random id per start. */
    private final String owner;

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "panelflow.claim.stale-after", defaultValue = "PT60S")
    Duration staleAfter;

    private final Once ready = new Once();

    public RunClaims() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        String service = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.application.name", String.class).orElse("service");
        owner = service + "@" + host + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    public enum State { CLAIMED, DONE, FAILED }

    /** What a claim attempt found. {@code mine} is true when the caller now holds the claim. */
    public record Claim(State state, String owner, boolean mine, boolean takenOver, String reason) {
        public boolean done() {
            return state == State.DONE;
        }

        public boolean failed() {
            return state == State.FAILED;
        }

        /** A fresh claim of another owner: wait and ask again. */
        public boolean heldByOther() {
            return state == State.CLAIMED && !mine;
        }
    }

    public String owner() {
        return owner;
    }

    public Duration staleAfter() {
        return staleAfter;
    }

    public static String stageKey(Object stage) {
        return stage.toString().toLowerCase(Locale.ROOT);
    }

    /** Claims (run, stage) for {@code owner}; see the class comment. SQL errors propagate (transient). */
    public Claim claim(String runId, Object stage, String owner) {
        ensureTable();
        String st = stageKey(stage);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ins = c.prepareStatement(
                    "insert into pipeline.run_claim(run_id, stage, owner, state, claimed_at, heartbeat_at) "
                            + "values (?, ?, ?, 'CLAIMED', now(), now()) on conflict (run_id, stage) do nothing")) {
                ins.setString(1, runId);
                ins.setString(2, st);
                ins.setString(3, owner);
                if (ins.executeUpdate() == 1) {
                    return new Claim(State.CLAIMED, owner, true, false, null);
                }
            }
            String holder;
            State state;
            String reason;
            boolean stale;
            try (PreparedStatement q = c.prepareStatement(
                    "select owner, state, reason, heartbeat_at < now() - make_interval(secs => ?) "
                            + "from pipeline.run_claim where run_id = ? and stage = ?")) {
                q.setDouble(1, staleAfter.toMillis() / 1000.0);
                q.setString(2, runId);
                q.setString(3, st);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        // released between the insert and the select: try again
                        return claim(runId, stage, owner);
                    }
                    holder = rs.getString(1);
                    state = State.valueOf(rs.getString(2));
                    reason = rs.getString(3);
                    stale = rs.getBoolean(4);
                }
            }
            if (state != State.CLAIMED) {
                return new Claim(state, holder, false, false, reason);
            }
            if (owner.equals(holder)) {
                heartbeat(c, runId, st, owner);
                return new Claim(State.CLAIMED, owner, true, false, null);
            }
            if (stale) {
                try (PreparedStatement up = c.prepareStatement(
                        "update pipeline.run_claim set owner = ?, claimed_at = now(), heartbeat_at = now() "
                                + "where run_id = ? and stage = ? and state = 'CLAIMED' and owner = ? "
                                + "and heartbeat_at < now() - make_interval(secs => ?)")) {
                    up.setString(1, owner);
                    up.setString(2, runId);
                    up.setString(3, st);
                    up.setString(4, holder);
                    up.setDouble(5, staleAfter.toMillis() / 1000.0);
                    if (up.executeUpdate() == 1) {
                        return new Claim(State.CLAIMED, owner, true, true, null);
                    }
                }
                return claim(runId, stage, owner);
            }
            return new Claim(State.CLAIMED, holder, false, false, null);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim run " + runId + " for the " + st + " stage: " + e.getMessage(), e);
        }
    }

    /** Refreshes the heartbeat of the owner's claim; false when the claim is no longer the owner's. */
    public boolean heartbeat(String runId, Object stage, String owner) {
        ensureTable();
        try (Connection c = dataSource.getConnection()) {
            return heartbeat(c, runId, stageKey(stage), owner);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot refresh the claim of run " + runId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Marks the owner's claim DONE, on the caller's connection so that it commits with the stored output
     * (same transaction). Returns false when the claim was taken over meanwhile (the caller rolls back).
     */
    public boolean done(Connection c, String runId, Object stage, String owner) throws SQLException {
        return finish(c, runId, stageKey(stage), owner, State.DONE, null);
    }

    /** As {@link #done(Connection, String, Object, String)} on a connection of the service's datasource. */
    public boolean done(String runId, Object stage, String owner) {
        return finishOwn(runId, stage, owner, State.DONE, null);
    }

    /** Marks the owner's claim FAILED with the reason a person reads. */
    public boolean failed(String runId, Object stage, String owner, String reason) {
        return finishOwn(runId, stage, owner, State.FAILED, reason);
    }

    /** Gives the claim up (the row is deleted) so that a later delivery of the run starts afresh. */
    public void release(String runId, Object stage, String owner) {
        ensureTable();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from pipeline.run_claim where run_id = ? and stage = ? and owner = ? and state = 'CLAIMED'")) {
            ps.setString(1, runId);
            ps.setString(2, stageKey(stage));
            ps.setString(3, owner);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot release the claim of run " + runId + ": " + e.getMessage(), e);
        }
    }

    /** The claim's state, or null when there is none. */
    public State state(String runId, Object stage) {
        ensureTable();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select state from pipeline.run_claim where run_id = ? and stage = ?")) {
            ps.setString(1, runId);
            ps.setString(2, stageKey(stage));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? State.valueOf(rs.getString(1)) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the claim of run " + runId + ": " + e.getMessage(), e);
        }
    }

    private boolean finishOwn(String runId, Object stage, String owner, State state, String reason) {
        ensureTable();
        try (Connection c = dataSource.getConnection()) {
            return finish(c, runId, stageKey(stage), owner, state, reason);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record " + state + " for run " + runId + ": " + e.getMessage(), e);
        }
    }

    private boolean finish(Connection c, String runId, String st, String owner, State state, String reason) throws SQLException {
        ensureTable();
        try (PreparedStatement ps = c.prepareStatement(
                "update pipeline.run_claim set state = ?, reason = ?, finished_at = now(), heartbeat_at = now() "
                        + "where run_id = ? and stage = ? and owner = ? and state = 'CLAIMED'")) {
            ps.setString(1, state.name());
            ps.setString(2, reason);
            ps.setString(3, runId);
            ps.setString(4, st);
            ps.setString(5, owner);
            return ps.executeUpdate() == 1;
        }
    }

    private static boolean heartbeat(Connection c, String runId, String st, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update pipeline.run_claim set heartbeat_at = now() where run_id = ? and stage = ? and owner = ? "
                        + "and state = 'CLAIMED'")) {
            ps.setString(1, runId);
            ps.setString(2, st);
            ps.setString(3, owner);
            return ps.executeUpdate() == 1;
        }
    }

    private void ensureTable() {
        ready.run(this::createTable);
    }

    private void createTable() {
        SharedTables.create(dataSource, "run-claim table",
                "create schema if not exists pipeline",
                "create table if not exists pipeline.run_claim ("
                        + "run_id varchar(64) not null, stage varchar(32) not null, owner varchar(200) not null, "
                        + "state varchar(16) not null check (state in ('CLAIMED', 'DONE', 'FAILED')), "
                        + "reason text, claimed_at timestamptz not null, heartbeat_at timestamptz not null, "
                        + "finished_at timestamptz, primary key (run_id, stage))");
    }
}
