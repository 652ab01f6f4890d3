package io.panelflow.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka broker's classpath, assembled by Maven from the standalone project
 * {@code deploy/kafka/pom.xml} ({@code dependency:build-classpath}) and cached in
 * {@code .panelflow/kafka-classpath.txt} with the pom's SHA-256 beside it; the local scripts
 * ({@code deploy/local/kafka.sh}) share the same cache. Resolved again when the pom changes or
 * a jar of the cached list is gone. {@code -Dpanelflow.kafka.classpath} or
 * {@code PANELFLOW_KAFKA_CLASSPATH} bypasses Maven altogether.
 */
public final class KafkaClasspath {
    private KafkaClasspath() {
    }

    public static String resolve() {
        for (String given : new String[]{System.getProperty("panelflow.kafka.classpath"), System.getenv("PANELFLOW_KAFKA_CLASSPATH")}) {
            if (given != null && !given.isBlank()) {
                return given.strip();
            }
        }
        Path root = ProjectRoot.find();
        Path state = ProjectRoot.stateDir();
        Path pom = root.resolve("deploy/kafka/pom.xml");
        Path cache = state.resolve("kafka-classpath.txt");
        Path stamp = state.resolve("kafka-classpath.sha256");
        try {
            String want = sha256(pom);
            String cached = readValid(cache, stamp, want);
            if (cached != null) {
                return cached;
            }
            try (RandomAccessFile lockFile = new RandomAccessFile(state.resolve("kafka-classpath.lock").toFile(), "rw");
                 FileLock ignored = lockFile.getChannel().lock()) {
                cached = readValid(cache, stamp, want);
                if (cached != null) {
                    return cached;
                }
                Path tmp = state.resolve("kafka-classpath.txt.tmp");
                Path log = state.resolve("kafka-classpath-maven.log");
                List<String> cmd = new ArrayList<>(List.of(mavenExecutable(), "-B", "-q", "-f", pom.toString(),
                        "dependency:build-classpath", "-Dmdep.outputFile=" + tmp));
                String repo = System.getProperty("maven.repo.local");
                if (repo != null && !repo.isBlank()) {
                    cmd.add("-Dmaven.repo.local=" + repo);
                }
                Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                if (!p.waitFor(10, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("Maven did not resolve the Kafka broker within 10 minutes; see " + log);
                }
                if (p.exitValue() != 0 || !Files.isRegularFile(tmp)) {
                    throw new IllegalStateException("Maven could not resolve the Kafka broker (" + String.join(" ", cmd)
                            + "), exit " + p.exitValue() + ":\n" + tail(log, 30));
                }
                Files.move(tmp, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.writeString(stamp, want + "\n");
                return Files.readString(cache).strip();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resolving the Kafka classpath", e);
        }
    }

    private static String readValid(Path cache, Path stamp, String want) throws IOException {
        if (!Files.isRegularFile(cache) || !Files.isRegularFile(stamp) || !Files.readString(stamp).strip().equals(want)) {
            return null;
        }
        String cp = Files.readString(cache).strip();
        if (cp.isEmpty()) {
            return null;
        }
        for (String jar : cp.split(java.io.File.pathSeparator)) {
            if (!Files.isRegularFile(Paths.get(jar))) {
                return null;
            }
        }
        return cp;
    }

    private static String mavenExecutable() {
        String explicit = System.getenv("PANELFLOW_MVN");
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        for (String home : new String[]{System.getProperty("maven.home"), System.getenv("MAVEN_HOME"), System.getenv("M2_HOME")}) {
            if (home != null && !home.isBlank() && Files.isExecutable(Paths.get(home, "bin", "mvn"))) {
                return Paths.get(home, "bin", "mvn").toString();
            }
        }
        return "mvn";
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no " + file + ")";
        }
    }
}
