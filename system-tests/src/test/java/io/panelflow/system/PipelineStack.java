package io.panelflow.system;

import io.panelflow.testing.KafkaBroker;
import io.panelflow.testing.PostgresDatabase;
import io.panelflow.testing.ProjectRoot;
import io.panelflow.testing.TestUsers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole pipeline for a system test: a real Kafka broker, a fresh PostgreSQL database and the
 * four packaged services, each a separate process on free ports, wired as in a deployment.
 */
final class PipelineStack implements AutoCloseable {
    static final List<String> SERVICES = List.of("ingest-service", "index-service", "estimation-service", "report-service");

    final Path root = ProjectRoot.find();
    final KafkaBroker broker;
    final PostgresDatabase database;
    final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    final Path logDir;
    /** Where the services export their spans (OTLP over HTTP). */
    final OtlpSink traces;

    private final Map<String, List<String>> systemPropertiesByService;
    private final Map<String, String> env;

    PipelineStack(Map<String, List<String>> systemPropertiesByService) throws IOException {
        this.systemPropertiesByService = systemPropertiesByService;
        logDir = Files.createDirectories(root.resolve("system-tests/target/service-logs"));
        broker = KafkaBroker.start();
        database = PostgresDatabase.createFresh();
        traces = new OtlpSink();
        // the services know the test users from users and roles files, as the local stack's
        String users = TestUsers.configLocations(TestUsers.writeFiles(logDir.resolve("security")));
        env = Map.ofEntries(
                Map.entry("QUARKUS_CONFIG_LOCATIONS", users),
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers()),
                Map.entry("PANELFLOW_DB_HOST", database.host()),
                Map.entry("PANELFLOW_DB_PORT", Integer.toString(database.port())),
                Map.entry("PANELFLOW_DB_NAME", database.name()),
                Map.entry("PANELFLOW_DB_USER", database.username()),
                Map.entry("PANELFLOW_DB_PASSWORD", database.password()),
                // traces on, exported over OTLP/HTTP to the test's own sink, in batches every 200 ms
                Map.entry("QUARKUS_OTEL_SDK_DISABLED", "false"),
                Map.entry("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf"),
                Map.entry("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", traces.endpoint()),
                Map.entry("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms"));
        for (String s : SERVICES) {
            services.put(s, new ServiceProcess(root, s, logDir, env, systemPropertiesByService.getOrDefault(s, List.of())));
        }
        // wired as deployed: the dashboard (report) posts uploads to ingest, and reads runs' uploads from it
        service("ingest-service").putEnv("PANELFLOW_DASHBOARD_ORIGINS", reportUrl());
        service("report-service").putEnv("PANELFLOW_INGEST_URL", ingestUrl());
    }

    PipelineStack startAll() {
        services.values().forEach(ServiceProcess::start);
        return this;
    }

    /**
     * One more replica of a service (not started), wired like the first: same broker, database,
     * consumer groups and settings, its own port and log ({@code <instance>.log}). The caller closes it.
     */
    ServiceProcess replica(String name, String instance) {
        ServiceProcess replica = new ServiceProcess(root, name, instance, logDir, env,
                systemPropertiesByService.getOrDefault(name, List.of()));
        if (name.equals("report-service")) {
            replica.putEnv("PANELFLOW_INGEST_URL", ingestUrl());
        }
        return replica;
    }

    ServiceProcess service(String name) {
        return services.get(name);
    }

    String ingestUrl() {
        return service("ingest-service").url();
    }

    String reportUrl() {
        return service("report-service").url();
    }

    /** The demo panel, written by the demo's own generator. */
    Path demoPanel() throws IOException, InterruptedException {
        Path out = logDir.resolve("demo-panel.csv");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                root.resolve("deploy/demo/GenerateDemoPanel.java").toString(), out.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("demo generator failed: " + output);
        }
        return out;
    }

    Path demoSpec() {
        return root.resolve("deploy/demo/demo-spec.yaml");
    }

    @Override
    public void close() {
        services.values().forEach(ServiceProcess::close);
        database.close();
        broker.close();
        traces.close();
    }
}
