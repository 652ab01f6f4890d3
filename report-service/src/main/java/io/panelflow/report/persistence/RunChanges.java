package io.panelflow.report.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code run_change} table: written in the ledger's transaction (a trigger draws the id in
 * commit order and notifies channel {@value #CHANNEL}), read by each replica's listener and by a
 * reconnecting dashboard, purged of old rows.
 */
@ApplicationScoped
public class RunChanges {
    public static final String CHANNEL = "run_change";

    @Inject
    AgroalDataSource dataSource;

    /** Records a change in the current transaction; listeners hear of it when the transaction commits. */
    public void record(String runId, String summaryJson) {
        Panache.getEntityManager()
                .createNativeQuery("insert into run_change (run_id, summary, at) values (?1, ?2, now())")
                .setParameter(1, runId).setParameter(2, summaryJson).executeUpdate();
    }

    /** Changes after {@code id}, oldest first, at most {@code limit}. */
    public static List<RunChange> after(Connection c, long id, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select id, run_id, summary from run_change where id > ? order by id limit ?")) {
            s.setLong(1, id);
            s.setInt(2, limit);
            return read(s);
        }
    }

    /** The latest {@code limit} changes after {@code id}, oldest first: what a reconnecting dashboard missed. */
    public List<RunChange> missedSince(long id, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select id, run_id, summary from (select id, run_id, summary from run_change where id > ? "
                        + "order by id desc limit ?) latest order by id")) {
            s.setLong(1, id);
            s.setInt(2, limit);
            return read(s);
        } catch (SQLException e) {
            throw new IllegalStateException("the run changes could not be read: " + e.getMessage(), e);
        }
    }

    public static long latestId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select coalesce(max(id), 0) from run_change")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Deletes changes older than {@code retention}; returns how many. */
    public int purgeOlderThan(Duration retention) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "delete from run_change where at < now() - make_interval(secs => ?)")) {
            s.setDouble(1, retention.toMillis() / 1000.0);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("the run changes could not be purged: " + e.getMessage(), e);
        }
    }

    private static List<RunChange> read(PreparedStatement s) throws SQLException {
        List<RunChange> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new RunChange(rs.getLong(1), rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }
}
