package io.panelflow.system.deployment;

import io.panelflow.testing.ProjectRoot;
import org.junit.jupiter.api.Assumptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Shared helpers of the deployment-file tests: the project root, YAML, external validators. */
final class DeploymentFiles {
    static final List<String> SERVICES = List.of("ingest", "index", "estimation", "report");
    static final Map<String, Integer> PORTS = Map.of("ingest", 8081, "index", 8082, "estimation", 8083, "report", 8084);
    static final List<String> SERVICE_ENV = List.of("PANELFLOW_DB_HOST", "PANELFLOW_DB_PORT", "PANELFLOW_DB_NAME",
            "PANELFLOW_DB_USER", "PANELFLOW_DB_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS");

    private DeploymentFiles() {
    }

    static Path root() {
        return ProjectRoot.find();
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One YAML document as maps and lists (merge keys resolved). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) {
        return (Map<String, Object>) new Yaml(new LoaderOptions()).load(read(file));
    }

    /** Every YAML document of a string. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> yamlAll(String text) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object o : new Yaml(new LoaderOptions()).loadAll(text)) {
            if (o != null) {
                docs.add((Map<String, Object>) o);
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String what) {
        if (!(o instanceof Map)) {
            throw new AssertionError(what + " is not a mapping: " + o);
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o, String what) {
        if (!(o instanceof List)) {
            throw new AssertionError(what + " is not a list: " + o);
        }
        return (List<Object>) o;
    }

    /** Follows a path of keys (and list indexes as integers) through nested maps and lists. */
    static Object at(Object root, Object... keys) {
        Object cur = root;
        for (Object k : keys) {
            if (cur instanceof Map<?, ?> m) {
                cur = m.get(k);
            } else if (cur instanceof List<?> l && k instanceof Integer i) {
                cur = i < l.size() ? l.get(i) : null;
            } else {
                return null;
            }
        }
        return cur;
    }

    record Result(int exit, String output) {
    }

    /** Runs a command in the project root; skips the calling test when the program is absent. */
    static Result run(String what, List<String> command) {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(root().toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort(what + " is not installed (" + command.get(0) + "): check skipped");
            throw new IllegalStateException("unreachable");
        }
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(what + " did not finish within 120 s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The npm validators' folder, or a skip when .ci/run (npm ci in deploy/validate) has not installed them. */
    static Path nodeValidators(String module) {
        Path dir = root().resolve("deploy/validate");
        Assumptions.assumeTrue(Files.isDirectory(dir.resolve("node_modules").resolve(module)),
                "npm " + module + " is not installed in deploy/validate (run: cd deploy/validate && npm ci): check skipped");
        return dir;
    }
}
