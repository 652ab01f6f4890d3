package io.panelflow.service;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the tables every service shares in the pipeline's database (the claim-check store's, the run
 * claims'), which no single service's migrations own: idempotent DDL in one transaction under a
 * transaction-scoped advisory lock, so services starting together create them once, serially, and a
 * failure leaves nothing half-made. Runs on a connection of its own, outside any caller's transaction.
 */
final class SharedTables {
    /** One lock for every shared table: their DDL is rare and short. */
    private static final long LOCK = 4711;

    private SharedTables() {
    }

    /** Runs {@code statements} in order in one transaction; {@code what} names the tables in the error. */
    static void create(DataSource dataSource, String what, String... statements) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                st.execute("select pg_advisory_xact_lock(" + LOCK + ")");
                for (String s : statements) {
                    st.execute(s);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the " + what + ": " + e.getMessage(), e);
        }
    }
}
