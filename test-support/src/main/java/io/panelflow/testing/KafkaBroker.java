package io.panelflow.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) in a child JVM, on
 * free 127.0.0.1 ports with a fresh data folder, with the pipeline's topics
 * ({@code deploy/kafka/topics.txt}) created. Plain Java, for any test:
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.start()) {
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 *
 * <p>The child runs {@code kafka.Kafka} from the classpath of {@code deploy/kafka/pom.xml}
 * ({@link KafkaClasspath}) and halts itself when this JVM dies, so no broker outlives a
 * crashed or killed test run. Its logs go to {@code kafka.log} in the work folder; the last
 * lines are part of the exception when the start fails.
 *
 * <p>Fault drills: {@link #kill()} ends the broker as a crash would (SIGKILL, data kept) and
 * {@link #restart()} starts it again on the same ports with the same data and cluster id, so
 * clients configured with {@link #bootstrapServers()} reconnect by themselves.
 *
 * <p>Tuning: {@code panelflow.kafka.heap} (default 256m), {@code panelflow.kafka.start-timeout-seconds}
 * (default 120), {@code panelflow.kafka.keep-dir=true} keeps the work folder for inspection.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path workDir;
    private final String bootstrapServers;
    private final String clusterId;
    private final String brokerClasspath;
    private final Thread shutdownHook;
    private volatile Process process;
    private volatile long startMillis;
    private volatile boolean closed;

    private KafkaBroker(Launch launch, String brokerClasspath) {
        this.process = launch.process();
        this.workDir = launch.workDir();
        this.bootstrapServers = launch.bootstrapServers();
        this.clusterId = launch.clusterId();
        this.startMillis = launch.startMillis();
        this.brokerClasspath = brokerClasspath;
        this.shutdownHook = new Thread(this::stopChild, "panelflow-kafka-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a broker and returns once it serves requests and the topics exist. */
    public static KafkaBroker start() {
        String classpath = KafkaClasspath.resolve();
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                return new KafkaBroker(startOnce(classpath), classpath);
            } catch (IllegalStateException e) {
                // two free ports can be taken by someone else between probing and binding: retry once
                last = e;
            }
        }
        throw last;
    }

    /** {@code 127.0.0.1:<port>} */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Kills the broker at once (SIGKILL, as a crash), keeping its data folder and ports for
     * {@link #restart()}. Clients see connection refusals until it is back.
     */
    public synchronized void kill() {
        if (closed) {
            throw new IllegalStateException("the broker is closed");
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the broker JVM did not end within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing the broker", e);
        }
    }

    /**
     * Starts the broker again after {@link #kill()}: same ports, same data folder and cluster id
     * (the storage is already formatted), topics checked; returns once it serves requests.
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("the broker is closed");
        }
        if (process.isAlive()) {
            throw new IllegalStateException("the broker is running; kill() it first");
        }
        Launch launch = launch(brokerClasspath, workDir, bootstrapServers, clusterId, false);
        process = launch.process();
        startMillis = launch.startMillis();
    }

    /** Milliseconds from launching the child JVM until the broker was ready with its topics (the last start). */
    public long startMillis() {
        return startMillis;
    }

    public Path workDir() {
        return workDir;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the child at once (its data is thrown away) and removes the work folder. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
        stopChild();
    }

    private void stopChild() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // child gone
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!Boolean.getBoolean("panelflow.kafka.keep-dir")) {
            deleteTree(workDir);
        }
    }

    private static Launch startOnce(String brokerClasspath) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("panelflow-kafka-");
            Path classes = workDir.resolve("classes");
            String classFile = KafkaBrokerChild.class.getName().replace('.', '/') + ".class";
            Path target = classes.resolve(classFile);
            Files.createDirectories(target.getParent());
            try (InputStream in = KafkaBroker.class.getClassLoader().getResourceAsStream(classFile)) {
                if (in == null) {
                    throw new IllegalStateException("cannot read " + classFile + " from the classpath");
                }
                Files.copy(in, target);
            }
            int[] ports = freePorts(2);
            String bootstrap = "127.0.0.1:" + ports[0];
            Path data = workDir.resolve("data");
            String config = Files.readString(ProjectRoot.find().resolve("deploy/kafka/server.properties.template"))
                    .replace("@@KAFKA_PORT@@", Integer.toString(ports[0]))
                    .replace("@@CONTROLLER_PORT@@", Integer.toString(ports[1]))
                    .replace("@@DATA_DIR@@", data.toString());
            Files.writeString(workDir.resolve("server.properties"), config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker", e);
        }
        return launch(brokerClasspath, workDir, null, clusterId(), true);
    }

    /** What one start of the child JVM gave. */
    private record Launch(Process process, Path workDir, String bootstrapServers, String clusterId, long startMillis) {
    }

    /**
     * Starts the child JVM on the work folder's {@code server.properties}; {@code bootstrap} null
     * reads the port from it. {@code firstStart} false is a restart: the storage stays as it is and
     * a failure leaves the work folder for the next attempt.
     */
    private static Launch launch(String brokerClasspath, Path workDir, String bootstrap, String clusterId, boolean firstStart) {
        Path root = ProjectRoot.find();
        try {
            Path classes = workDir.resolve("classes");
            Path serverProperties = workDir.resolve("server.properties");
            if (bootstrap == null) {
                String listeners = Files.readAllLines(serverProperties).stream()
                        .filter(l -> l.startsWith("advertised.listeners=PLAINTEXT://")).findFirst().orElseThrow();
                bootstrap = listeners.substring("advertised.listeners=PLAINTEXT://".length()).strip();
            }
            List<String> cmd = new ArrayList<>();
            cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            String heap = System.getProperty("panelflow.kafka.heap", "256m");
            cmd.addAll(List.of("-Xmx" + heap, "-Xms" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Djava.awt.headless=true",
                    "-Dlog4j2.configurationFile=" + root.resolve("deploy/kafka/log4j2.properties"),
                    "-Dpanelflow.kafka.log.file=" + workDir.resolve("kafka.log"),
                    "-cp", classes + java.io.File.pathSeparator + brokerClasspath,
                    KafkaBrokerChild.class.getName(),
                    serverProperties.toString(), clusterId, bootstrap,
                    root.resolve("deploy/kafka/topics.txt").toString(),
                    Long.toString(ProcessHandle.current().pid()), workDir.toString()));
            long t0 = System.nanoTime();
            Process process = new ProcessBuilder(cmd)
                    .redirectError(ProcessBuilder.Redirect.appendTo(workDir.resolve("console.log").toFile()))
                    .start();
            LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // child gone
                }
                lines.add(KafkaBrokerChild.FAILED + " the broker JVM exited");
            }, "panelflow-kafka-stdout");
            reader.setDaemon(true);
            reader.start();

            long timeoutNanos = TimeUnit.SECONDS.toNanos(Long.getLong("panelflow.kafka.start-timeout-seconds", 120));
            while (true) {
                long left = timeoutNanos - (System.nanoTime() - t0);
                String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
                if (line == null) {
                    fail(process, workDir, "the broker was not ready within " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s", firstStart);
                } else if (line.startsWith(KafkaBrokerChild.READY)) {
                    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                    System.err.printf("[panelflow] Kafka broker %s on %s in %d ms (work folder %s)%n",
                            firstStart ? "ready" : "restarted", bootstrap, millis, workDir);
                    return new Launch(process, workDir, bootstrap, clusterId, millis);
                } else if (line.startsWith(KafkaBrokerChild.FAILED)) {
                    fail(process, workDir, line.substring(KafkaBrokerChild.FAILED.length()).strip(), firstStart);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the Kafka broker", e);
        }
    }

    private static void fail(Process process, Path workDir, String reason, boolean removeWorkDir) {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String message = "Kafka broker failed to start: " + reason
                + "\n--- kafka.log (tail) ---\n" + KafkaClasspath.tail(workDir.resolve("kafka.log"), 40)
                + "\n--- console (tail) ---\n" + KafkaClasspath.tail(workDir.resolve("console.log"), 40);
        if (removeWorkDir) {
            deleteTree(workDir);
        }
        throw new IllegalStateException(message);
    }

    /** A random cluster id in Kafka's format (16 bytes, URL-safe base64), never starting with '-'. */
    static String clusterId() {
        while (true) {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
        return ports;
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers + "]";
    }
}
