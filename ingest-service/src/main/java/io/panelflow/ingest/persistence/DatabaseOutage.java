package io.panelflow.ingest.persistence;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Tells a database that cannot be reached from any other failure, whatever wraps it (Hibernate,
 * Agroal, Narayana, the claim-check store): a connection refused or lost (SQLState class
 * {@code 08}), the server shutting down or starting ({@code 57P01}–{@code 57P03}), too many
 * connections ({@code 53300}), or the pool giving up waiting for a connection. Suppressed
 * exceptions count too: a commit that loses its connection surfaces as Narayana's
 * {@code RollbackException} whose cause is only a suppressed {@code XAException}.
 */
public final class DatabaseOutage {
    private DatabaseOutage() {
    }

    public static boolean isOutage(Throwable failure) {
        return isOutage(failure, new IdentityHashMap<>());
    }

    private static boolean isOutage(Throwable failure, Map<Throwable, Boolean> seen) {
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            for (Throwable suppressed : t.getSuppressed()) {
                if (isOutage(suppressed, seen)) {
                    return true;
                }
            }
            if (t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                if (isOutageState(sql.getSQLState())) {
                    return true;
                }
                String message = sql.getMessage() == null ? "" : sql.getMessage().toLowerCase(Locale.ROOT);
                if (message.contains("acquisition timeout")) {
                    return true;
                }
                SQLException next = sql.getNextException();
                if (next != null && next != sql && isOutage(next)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean isOutageState(String state) {
        if (state == null) {
            return false;
        }
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                || state.equals("53300");
    }
}
