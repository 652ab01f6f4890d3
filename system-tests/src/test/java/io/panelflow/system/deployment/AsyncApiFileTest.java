package io.panelflow.system.deployment;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.panelflow.system.deployment.DeploymentFiles.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * deploy/asyncapi.yaml (the topics' contract, generated and kept current by shared-model's AsyncApiDocumentTest):
 * valid against the AsyncAPI JSON Schema (npm @asyncapi/specs, installed by .ci/run; skipped visibly without it),
 * and its channels have the partitions deploy/kafka/topics.txt creates.
 */
class AsyncApiFileTest {

    @Test
    void theDocumentIsValidAgainstTheAsyncApiSchema() {
        var dir = nodeValidators("@asyncapi/specs");
        Result r = run("node", List.of("node", dir.resolve("validate-asyncapi.mjs").toString(),
                root().resolve("deploy/asyncapi.yaml").toString()));
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void theChannelsHaveThePartitionsTheTopicsFileCreates() {
        Map<String, Object> doc = yaml(root().resolve("deploy/asyncapi.yaml"));
        Map<String, Integer> documented = new TreeMap<>();
        map(doc.get("channels"), "channels").values().forEach(c -> documented.put(String.valueOf(at(c, "address")),
                ((Number) at(c, "bindings", "kafka", "partitions")).intValue()));
        Map<String, Integer> created = new TreeMap<>();
        read(root().resolve("deploy/kafka/topics.txt")).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .forEach(l -> created.put(l.split("\\s+")[0], Integer.parseInt(l.split("\\s+")[1])));
        assertEquals(created, documented);
    }
}
