package io.panelflow.testing;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * A fresh, empty database {@code panelflow_test_<epoch-seconds>_<random>} on the local
 * PostgreSQL server, created as the panelflow role and dropped on {@link #close()}. Plain Java:
 *
 * <pre>{@code
 * try (PostgresDatabase db = PostgresDatabase.createFresh()) {
 *     String url = db.jdbcUrl();
 * }
 * }</pre>
 *
 * <p>The server and role come from the same settings as the services: {@code PANELFLOW_DB_HOST}
 * (127.0.0.1), {@code PANELFLOW_DB_PORT} (5432), {@code PANELFLOW_DB_NAME} (panelflow, used to
 * connect for CREATE/DROP DATABASE), {@code PANELFLOW_DB_USER} (panelflow), {@code PANELFLOW_DB_PASSWORD};
 * each also as a system property in lower case with dots ({@code panelflow.db.host}). Without a
 * password setting: the one {@code deploy/local/postgres.sh up} keeps in {@code .panelflow/database.env}
 * (or {@code $PANELFLOW_STATE_DIR/database.env}); without that file, the role's old development
 * default {@code panelflow} (tests only: no deployment uses it). The role needs CREATEDB, which {@code deploy/local/postgres.sh up}
 * grants. Test databases left behind by killed runs are dropped when older than six hours.
 */
public final class PostgresDatabase implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "panelflow_test_";
    private static final long STALE_SECONDS = 6 * 3600;

    private final String host;
    private final int port;
    private final String name;
    private final String user;
    private final String password;
    private final String adminDatabase;
    private volatile boolean closed;

    private PostgresDatabase(String host, int port, String name, String user, String password, String adminDatabase) {
        this.host = host;
        this.port = port;
        this.name = name;
        this.user = user;
        this.password = password;
        this.adminDatabase = adminDatabase;
    }

    public static PostgresDatabase createFresh() {
        String host = setting("PANELFLOW_DB_HOST", "127.0.0.1");
        int port = Integer.parseInt(setting("PANELFLOW_DB_PORT", "5432"));
        String adminDb = setting("PANELFLOW_DB_NAME", "panelflow");
        String user = setting("PANELFLOW_DB_USER", "panelflow");
        String password = setting("PANELFLOW_DB_PASSWORD", null);
        if (password == null) {
            password = localStackPassword();
        }
        String name = PREFIX + (System.currentTimeMillis() / 1000) + "_" + HexFormat.of().formatHex(randomBytes(4));
        try (Connection c = connect(host, port, adminDb, user, password); Statement s = c.createStatement()) {
            dropStale(s);
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            if (isConnectionProblem(e)) {
                throw new IllegalStateException("PostgreSQL is not reachable at " + host + ":" + port + " as role '" + user
                        + "' (database '" + adminDb + "'): " + e.getMessage()
                        + "\nStart it with: deploy/local/postgres.sh up", e);
            }
            throw new IllegalStateException("cannot create test database " + name + " as role '" + user
                    + "' (it needs CREATEDB; deploy/local/postgres.sh up grants it): " + e.getMessage(), e);
        }
        return new PostgresDatabase(host, port, name, user, password, adminDb);
    }

    public String name() {
        return name;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String username() {
        return user;
    }

    public String password() {
        return password;
    }

    /** {@code jdbc:postgresql://host:port/name} */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    /** The JDBC URL with {@code currentSchema} set (search path of every connection). */
    public String jdbcUrl(String currentSchema) {
        return jdbcUrl() + "?currentSchema=" + currentSchema;
    }

    public Connection connection() throws SQLException {
        return connect(host, port, name, user, password);
    }

    /** Drops the database, ending any connection still open to it. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (Connection c = connect(host, port, adminDatabase, user, password); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("[panelflow] could not drop test database " + name + ": " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "PostgresDatabase[" + jdbcUrl() + "]";
    }

    private static void dropStale(Statement s) {
        long now = System.currentTimeMillis() / 1000;
        List<String> stale = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT datname FROM pg_database d JOIN pg_roles r ON d.datdba = r.oid "
                + "WHERE r.rolname = current_user AND datname LIKE '" + PREFIX + "%'")) {
            while (rs.next()) {
                String db = rs.getString(1);
                String[] parts = db.substring(PREFIX.length()).split("_");
                try {
                    if (parts.length == 2 && now - Long.parseLong(parts[0]) > STALE_SECONDS) {
                        stale.add(db);
                    }
                } catch (NumberFormatException ignored) {
                    // not ours
                }
            }
            for (String db : stale) {
                s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            // best effort
        }
    }

    private static Connection connect(String host, int port, String db, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "5");
        p.setProperty("ApplicationName", "panelflow-tests");
        try {
            Class.forName("org.postgresql.Driver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the PostgreSQL JDBC driver is not on the classpath", e);
        }
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + db, p);
    }

    private static boolean isConnectionProblem(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.equals("28P01") || state.equals("28000") || state.equals("3D000");
    }

    static String setting(String env, String fallback) {
        String prop = System.getProperty(env.toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
        if (prop != null && !prop.isBlank()) {
            return prop;
        }
        String value = System.getenv(env);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** PANELFLOW_DB_PASSWORD from the local stack's database.env, else the old development default. */
    static String localStackPassword() {
        String state = System.getenv("PANELFLOW_STATE_DIR");
        java.nio.file.Path dir;
        try {
            dir = state != null && !state.isBlank() ? java.nio.file.Path.of(state) : ProjectRoot.find().resolve(".panelflow");
        } catch (IllegalStateException noRoot) {
            return "panelflow";
        }
        java.nio.file.Path file = dir.resolve("database.env");
        if (java.nio.file.Files.isReadable(file)) {
            try {
                for (String line : java.nio.file.Files.readAllLines(file)) {
                    String l = line.strip();
                    if (l.startsWith("PANELFLOW_DB_PASSWORD=")) {
                        String v = l.substring("PANELFLOW_DB_PASSWORD=".length());
                        return v.length() >= 2 && v.startsWith("'") && v.endsWith("'") ? v.substring(1, v.length() - 1) : v;
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return "panelflow";
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
