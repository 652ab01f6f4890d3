package io.panelflow.ingest.persistence;

import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What counts as a database outage, from the exception a real refused connection gives. */
class DatabaseOutageTest {

    @Test
    void aRefusedConnectionIsAnOutageHoweverDeeplyWrapped() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        SQLException refused = assertThrows(SQLException.class,
                () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/x", "u", "p"));
        assertTrue(refused.getSQLState().startsWith("08"), refused.getSQLState());
        assertTrue(DatabaseOutage.isOutage(refused));
        assertTrue(DatabaseOutage.isOutage(new IllegalStateException("cannot store the claim-checked payload",
                new PersistenceException("commit failed", refused))));
    }

    @Test
    void serverShutdownAndPoolExhaustionAreOutages() {
        assertTrue(DatabaseOutage.isOutage(new SQLException("terminating connection due to administrator command", "57P01")));
        assertTrue(DatabaseOutage.isOutage(new RuntimeException(new SQLException("Sorry, acquisition timeout!"))));
        assertTrue(DatabaseOutage.isOutage(new org.hibernate.exception.JDBCConnectionException("lost",
                new SQLException("I/O error", "08006"))));
    }

    /** As the fault drill met it: PostgreSQL stopped while an upload's transaction committed. */
    @Test
    void aCommitThatLostItsConnectionIsAnOutage() {
        var rollback = new RuntimeException("ARJUNA016053: Could not commit transaction.");
        var xa = new javax.transaction.xa.XAException("Error trying to transactionCommit local transaction");
        xa.initCause(new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        rollback.addSuppressed(xa);
        assertTrue(DatabaseOutage.isOutage(new IllegalStateException("commit failed", rollback)));
        var other = new RuntimeException("rolled back");
        other.addSuppressed(new SQLException("duplicate key", "23505"));
        assertFalse(DatabaseOutage.isOutage(other));
    }

    @Test
    void otherDatabaseErrorsAndPlainBugsAreNot() {
        assertFalse(DatabaseOutage.isOutage(new SQLException("duplicate key", "23505")));
        assertFalse(DatabaseOutage.isOutage(new IllegalStateException("bug")));
        assertFalse(DatabaseOutage.isOutage(new PersistenceException("constraint", new SQLException("x", "23502"))));
    }
}
