package io.panelflow.system.drill;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The drill's own stack, run by the project's scripts ({@code deploy/local/stack.sh},
 * {@code postgres.sh}) on ports of its own, with its own state folder and a private PostgreSQL
 * cluster ({@code PANELFLOW_PG_PRIVATE=1}): nothing of a stack on the default ports, nor the
 * shared database server, is touched. Faults act on the processes named by the scripts' PID files
 * ({@code kafka/kafka.pid}, {@code services/<service>.pid}).
 */
public final class DrillStack implements AutoCloseable {
    /** Ports per replica block: ingest, index, estimation, report (+ their management ports). */
    private static final int STEP = 10;

    private final DrillOptions options;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final int base;
    private final Path log;

    public DrillStack(DrillOptions options) throws IOException {
        this.options = options;
        Files.createDirectories(options.stateDir());
        this.log = options.stateDir().resolve("drill.log");
        this.base = freeBlock(STEP * (options.replicas() + 1));
        env.put("PANELFLOW_STATE_DIR", options.stateDir().toString());
        env.put("PANELFLOW_PG_PRIVATE", "1");
        env.put("PANELFLOW_DB_HOST", "127.0.0.1");
        env.put("PANELFLOW_DB_PORT", Integer.toString(base + STEP * options.replicas()));
        env.put("PANELFLOW_DB_NAME", "panelflow");
        env.put("PANELFLOW_DB_USER", "panelflow");
        env.put("PANELFLOW_DB_PASSWORD", "panelflow");
        env.put("PANELFLOW_KAFKA_PORT", Integer.toString(base + STEP * options.replicas() + 1));
        env.put("PANELFLOW_KAFKA_CONTROLLER_PORT", Integer.toString(base + STEP * options.replicas() + 2));
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + (base + STEP * options.replicas() + 1));
        env.put("PANELFLOW_INGEST_PORT", Integer.toString(base));
        env.put("PANELFLOW_INDEX_PORT", Integer.toString(base + 1));
        env.put("PANELFLOW_ESTIMATION_PORT", Integer.toString(base + 2));
        env.put("PANELFLOW_REPORT_PORT", Integer.toString(base + 3));
        env.put("PANELFLOW_INGEST_MANAGEMENT_PORT", Integer.toString(base + 4));
        env.put("PANELFLOW_INDEX_MANAGEMENT_PORT", Integer.toString(base + 5));
        env.put("PANELFLOW_ESTIMATION_MANAGEMENT_PORT", Integer.toString(base + 6));
        env.put("PANELFLOW_REPORT_MANAGEMENT_PORT", Integer.toString(base + 7));
        env.put("PANELFLOW_REPLICAS", Integer.toString(options.replicas()));
        env.put("PANELFLOW_REPLICA_PORT_STEP", Integer.toString(STEP));
        env.put("PANELFLOW_JAVA_OPTS", options.javaOpts());
        // a kafka-classpath cache of the checkout's own state folder saves one Maven resolution
        copyIfAbsent(options.root().resolve(".panelflow/kafka-classpath.txt"), options.stateDir().resolve("kafka-classpath.txt"));
        copyIfAbsent(options.root().resolve(".panelflow/kafka-classpath.sha256"), options.stateDir().resolve("kafka-classpath.sha256"));
    }

    /**
     * A clean start: stops what an earlier drill in the same state folder left running (by its PID
     * files) and removes its broker data, database cluster and service logs.
     */
    public void reset() throws IOException {
        if (Files.isDirectory(options.stateDir().resolve("services")) || Files.isDirectory(options.stateDir().resolve("postgres"))) {
            down();
        }
        for (String dir : List.of("kafka", "postgres", "services")) {
            deleteTree(options.stateDir().resolve(dir));
        }
    }

    public String ingestUrl() {
        return "http://127.0.0.1:" + base;
    }

    public String reportUrl() {
        return "http://127.0.0.1:" + (base + 3);
    }

    public String bootstrapServers() {
        return env.get("KAFKA_BOOTSTRAP_SERVERS");
    }

    public Path stateDir() {
        return options.stateDir();
    }

    /** {@code stack.sh up}: starts whatever is down (database, broker, services) and waits until healthy. */
    public void up() {
        script("deploy/local/stack.sh", "up");
    }

    public void down() {
        script("deploy/local/stack.sh", "down");
    }

    /** Breaks the component: SIGKILL of the broker or of the first process of a service; PostgreSQL stops immediately. */
    public void inject(Fault fault) {
        if (fault == Fault.POSTGRES) {
            script("deploy/local/postgres.sh", "kill");
            return;
        }
        Path pidFile = fault == Fault.BROKER ? options.stateDir().resolve("kafka/kafka.pid")
                : options.stateDir().resolve("services/" + fault.component() + ".pid");
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("no PID in " + pidFile + ": is the " + fault.component() + " running?", e);
        }
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException(fault.component() + " (pid " + pid + ") is not running"));
        note("SIGKILL " + fault.component() + " (pid " + pid + ")");
        process.destroyForcibly();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(fault.component() + " (pid " + pid + ") did not die after SIGKILL", e);
        }
    }

    /** Basic credentials for the API, when the stack writes them ({@code credentials.env} in the state folder). */
    public Optional<String[]> credentials() {
        Path file = options.stateDir().resolve("credentials.env");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Map<String, String> vars = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#") || !l.contains("=")) {
                    continue;
                }
                String key = l.substring(0, l.indexOf('=')).replaceFirst("^export\\s+", "").strip();
                String value = l.substring(l.indexOf('=') + 1).strip();
                if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'") || value.startsWith("\"") && value.endsWith("\""))) {
                    value = value.substring(1, value.length() - 1);
                }
                vars.put(key, value);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        String user = vars.get("PANELFLOW_USER"), password = vars.get("PANELFLOW_PASSWORD");
        return user == null || password == null ? Optional.empty() : Optional.of(new String[]{user, password});
    }

    /** A connection to the drill's database (the private cluster). */
    public Connection database() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", env.get("PANELFLOW_DB_USER"));
        p.setProperty("password", env.get("PANELFLOW_DB_PASSWORD"));
        p.setProperty("connectTimeout", "5");
        p.setProperty("ApplicationName", "panelflow-drill");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + env.get("PANELFLOW_DB_PORT") + "/"
                + env.get("PANELFLOW_DB_NAME"), p);
    }

    /** Stops the stack ({@code stack.sh down}, which also stops the private cluster) unless asked to keep it. */
    @Override
    public void close() {
        if (options.keepStack()) {
            note("stack kept running: PANELFLOW_STATE_DIR=" + options.stateDir() + " with ports from " + base);
            return;
        }
        try {
            down();
        } catch (RuntimeException e) {
            note("stack.sh down failed: " + e.getMessage());
        }
    }

    /** Runs one of the project's scripts with the drill's environment; its output goes to drill.log. */
    void script(String path, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(options.root().resolve(path).toString());
        cmd.addAll(List.of(args));
        note("$ " + path + " " + String.join(" ", args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(options.root().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(path + " " + String.join(" ", args) + " did not finish within 15 min");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(path + " " + String.join(" ", args) + " failed (exit " + p.exitValue()
                        + "); last lines of " + log + ":\n" + tail(30));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + path, e);
        }
    }

    void note(String line) {
        try {
            Files.writeString(log, "[drill " + java.time.Instant.now() + "] " + line + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the log is a convenience
        }
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void copyIfAbsent(Path from, Path to) {
        try {
            if (Files.isRegularFile(from) && !Files.exists(to)) {
                Files.copy(from, to);
            }
        } catch (IOException ignored) {
            // only a cache
        }
    }

    /** The first port of {@code size} consecutive free ports on 127.0.0.1 in 20000–39999. */
    static int freeBlock(int size) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int start = 20000 + ThreadLocalRandom.current().nextInt(20000 - size);
            boolean free = true;
            for (int p = start; p < start + size && free; p++) {
                try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getByName("127.0.0.1"))) {
                    s.setReuseAddress(true);
                } catch (IOException taken) {
                    free = false;
                }
            }
            if (free) {
                return start;
            }
        }
        throw new IllegalStateException("no block of " + size + " free ports found");
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
