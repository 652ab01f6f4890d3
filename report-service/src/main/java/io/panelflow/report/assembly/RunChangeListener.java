package io.panelflow.report.assembly;

import io.panelflow.report.persistence.RunChange;
import io.panelflow.report.persistence.RunChanges;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Feeds this replica's dashboards with every replica's changes: LISTENs on {@code run_change} over a
 * dedicated JDBC connection (not one of the pool's) and, on each notification, streams the rows after
 * the last one it delivered, in id order. It also looks every {@code panelflow.changes.poll} without a
 * notification, and after a reconnect it catches up from the table, so nothing is missed. When
 * PostgreSQL goes away it reconnects with backoff (0.5 s doubling, capped at 30 s).
 */
@ApplicationScoped
public class RunChangeListener {
    private static final Logger LOG = Logger.getLogger(RunChangeListener.class);
    private static final int BATCH = 500;

    @Inject
    RunBroadcaster broadcaster;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> username;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    @ConfigProperty(name = "panelflow.changes.poll", defaultValue = "PT5S")
    Duration poll;

    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection connection;
    private volatile boolean connected;
    private long lastDelivered = -1;

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::listen, "run-change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        closeQuietly(connection);
    }

    /** True while the LISTEN connection is up. */
    public boolean connected() {
        return connected;
    }

    private void listen() {
        long backoff = 500;
        boolean reported = false;
        while (running) {
            try (Connection c = connect()) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + RunChanges.CHANNEL);
                }
                if (lastDelivered < 0) {
                    lastDelivered = RunChanges.latestId(c); // live from here: older changes are replayed on request
                }
                connected = true;
                if (reported) {
                    LOG.infof("listening for run changes again (from change %d)", lastDelivered);
                    reported = false;
                }
                backoff = 500;
                PGConnection pg = c.unwrap(PGConnection.class);
                deliver(c);
                while (running) {
                    pg.getNotifications((int) poll.toMillis()); // the payload (an id) only wakes us
                    deliver(c); // on a notification or after the poll interval: whatever is new
                }
            } catch (SQLException | RuntimeException e) {
                connected = false;
                if (!running) {
                    return;
                }
                if (!reported) {
                    LOG.warnf("run changes not heard (the dashboards pause), reconnecting with backoff: %s", e.getMessage());
                    reported = true;
                }
                sleep(backoff);
                backoff = Math.min(backoff * 2, 30_000);
            } finally {
                connection = null;
                connected = false;
            }
        }
    }

    private void deliver(Connection c) throws SQLException {
        List<RunChange> batch;
        do {
            batch = RunChanges.after(c, lastDelivered, BATCH);
            for (RunChange change : batch) {
                broadcaster.changed(change);
                lastDelivered = change.id();
            }
        } while (batch.size() == BATCH);
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        username.ifPresent(u -> p.setProperty("user", u));
        password.ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", Long.toString(Math.max(30, poll.toSeconds() * 3)));
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("ApplicationName", "panelflow-report-listener");
        Connection c = new org.postgresql.Driver().connect(url, p);
        if (c == null) {
            throw new SQLException("not a PostgreSQL URL: " + url);
        }
        c.setAutoCommit(true);
        return c;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
