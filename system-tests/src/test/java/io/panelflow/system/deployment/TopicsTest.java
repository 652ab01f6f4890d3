package io.panelflow.system.deployment;

import io.panelflow.model.Topics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.panelflow.system.deployment.DeploymentFiles.*;
import static org.junit.jupiter.api.Assertions.*;

/** deploy/kafka/topics.txt (local broker, test broker, compose's kafka-init) lists exactly the pipeline's topics. */
class TopicsTest {
    @Test
    void topicsFileMatchesTheSharedModel() {
        List<String> listed = read(root().resolve("deploy/kafka/topics.txt")).lines()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.split("\\s+")[0]).toList();
        assertEquals(Topics.ALL.stream().sorted().toList(), listed.stream().sorted().toList());
    }

    @Test
    void composeCreatesTopicsFromTheSameFile() {
        String volumes = String.valueOf(at(yaml(root().resolve("docker-compose.yml")), "services", "kafka-init", "volumes"));
        assertTrue(volumes.contains("./deploy/kafka/topics.txt:"), volumes);
    }
}
