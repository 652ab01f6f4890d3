package io.panelflow.system;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One packaged service ({@code <svc>/target/quarkus-app/quarkus-run.jar}) running as its own process. */
final class ServiceProcess implements AutoCloseable {
    private final String name;
    private final Path jar;
    private final Path log;
    private final Map<String, String> env;
    private final List<String> systemProperties;
    private final int port;
    private final int managementPort;
    private Process process;

    ServiceProcess(Path root, String name, Path logDir, Map<String, String> env, List<String> systemProperties) {
        this(root, name, name, logDir, env, systemProperties);
    }

    /** One more instance (replica) of a service: {@code instance} names its log. */
    ServiceProcess(Path root, String name, String instance, Path logDir, Map<String, String> env, List<String> systemProperties) {
        this.name = name;
        this.jar = root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        this.log = logDir.resolve(instance + ".log");
        this.env = new java.util.HashMap<>(env);
        this.systemProperties = systemProperties;
        this.port = freePort();
        this.managementPort = freePort();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (mvn -B package)");
        }
    }

    /** One more environment variable for the next {@link #start}. */
    void putEnv(String name, String value) {
        env.put(name, value);
    }

    String name() {
        return name;
    }

    /** The public port: the API. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The management interface: health, metrics, OpenAPI. */
    String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    ServiceProcess start(String... extraSystemProperties) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1"));
        cmd.addAll(systemProperties);
        cmd.addAll(List.of(extraSystemProperties));
        cmd.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
        awaitHealthy(Duration.ofSeconds(120));
        return this;
    }

    /** SIGKILL: no shutdown hooks, no offset commits, as a crashed pod. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private void awaitHealthy(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log: " + tail());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(managementUrl() + "/q/health/ready").toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            sleep(300);
        }
        throw new IllegalStateException(name + " not healthy after " + timeout.toSeconds() + " s; log: " + tail());
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
