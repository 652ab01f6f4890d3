package io.panelflow.system.deployment;

import io.panelflow.model.Topics;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.panelflow.system.deployment.DeploymentFiles.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * deploy/kafka/topics.txt (local broker, test broker, compose's kafka-init) lists exactly the pipeline's
 * topics; the cluster manifests create the same topics with three replicas, two in sync.
 */
class TopicsTest {
    private static List<String> entries(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> String.join(" ", l.split("\\s+"))).toList();
    }

    @Test
    void topicsFileMatchesTheSharedModel() {
        List<String> listed = entries(read(root().resolve("deploy/kafka/topics.txt"))).stream()
                .map(l -> l.split(" ")[0]).toList();
        assertEquals(Topics.ALL.stream().sorted().toList(), listed.stream().sorted().toList());
    }

    @Test
    void composeCreatesTopicsFromTheSameFile() {
        String volumes = String.valueOf(at(yaml(root().resolve("docker-compose.yml")), "services", "kafka-init", "volumes"));
        assertTrue(volumes.contains("./deploy/kafka/topics.txt:"), volumes);
    }

    @Test
    void clusterManifestsCreateTheSameTopicsWithThreeReplicasTwoInSync() {
        List<Map<String, Object>> docs = yamlAll(read(root().resolve("deploy/k8s/base/kafka-topics.yaml")));
        Map<String, Object> configMap = docs.stream().filter(d -> "ConfigMap".equals(d.get("kind"))).findFirst().orElseThrow();
        assertEquals(entries(read(root().resolve("deploy/kafka/topics.txt"))),
                entries(String.valueOf(at(configMap, "data", "topics.txt"))), "same topics and partitions as topics.txt");
        String script = String.valueOf(at(configMap, "data", "create-topics.sh"));
        assertTrue(script.contains("--replication-factor \"$RF\"") && script.contains("min.insync.replicas=\"$ISR\""), script);

        Map<String, Object> job = docs.stream().filter(d -> "Job".equals(d.get("kind"))).findFirst().orElseThrow();
        assertEquals("panelflow-kafka-topics", at(job, "spec", "template", "spec", "volumes", 0, "configMap", "name"));
        assertEquals("panelflow-config", at(job, "spec", "template", "spec", "containers", 0, "envFrom", 0, "configMapRef", "name"));

        Map<String, Object> base = yaml(root().resolve("deploy/k8s/base/kustomization.yaml"));
        assertTrue(list(base.get("resources"), "base resources").contains("kafka-topics.yaml"));
        String literals = String.valueOf(at(base, "configMapGenerator", 0, "literals"));
        assertTrue(literals.contains("PANELFLOW_TOPIC_REPLICATION_FACTOR=3"), literals);
        assertTrue(literals.contains("PANELFLOW_TOPIC_MIN_INSYNC_REPLICAS=2"), literals);
    }

    @Test
    void everyServiceProducesWithAcksAllAndIdempotence() {
        for (String s : SERVICES) {
            String props = read(root().resolve(s + "-service/src/main/resources/application.properties"));
            for (String line : List.of("kafka.acks=all", "kafka.enable.idempotence=true", "kafka.delivery.timeout.ms=120000",
                    "kafka.request.timeout.ms=30000")) {
                assertTrue(props.lines().anyMatch(line::equals), s + ": " + line);
            }
            assertFalse(props.contains("failure-strategy=dead-letter-queue"), s + ": the connector never dead-letters on its own");
        }
    }
}
