package io.panelflow.system;

import io.panelflow.testing.TopicClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One trace per run, upload to report: every record of the run carries a W3C {@code traceparent}
 * header with the same trace id, and each of the four services exports spans of that trace over OTLP.
 */
@ExtendWith(SharedStack.class)
class TracingTest {
    static final String SPEC = """
            name: traced
            panel: {unit: province, time: year}
            indices:
              - name: DT_eq
                method: equal
                indicators:
                  - {column: optical_cable_km, direction: positive}
                  - {column: broadband_ports, direction: positive}
            models:
              - {id: baseline, formula: "Y ~ DT_eq + urban | province + year", vcov: {cluster: province}}
            """;

    @Test
    void aRunIsOneTraceFromUploadToReport() throws Exception {
        PipelineStack stack = SharedStack.get();
        String runId = Runs.submit(stack, "panel.csv", Files.readAllBytes(stack.demoPanel()), "spec.yaml",
                SPEC.getBytes(StandardCharsets.UTF_8));
        Runs.await(stack, runId, "COMPLETED", Duration.ofSeconds(180));

        Map<String, String> traceIds = new LinkedHashMap<>();
        try (TopicClient topics = new TopicClient(stack.broker.bootstrapServers())) {
            for (String topic : List.of("panel-cleaned", "indices-computed", "estimates-completed", "reports-ready")) {
                List<ConsumerRecord<String, String>> records = topics.readKey(topic, runId, 1, Duration.ofSeconds(20));
                assertEquals(1, records.size(), "one " + topic + " record");
                String traceparent = TopicClient.header(records.get(0), "traceparent");
                assertNotNull(traceparent, topic + " carries a traceparent header");
                traceIds.put(topic, traceparent.split("-")[1]);
            }
        }
        String traceId = traceIds.get("panel-cleaned");
        assertTrue(traceIds.values().stream().allMatch(traceId::equals), "one trace id on every record of the run: " + traceIds);

        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> missing = PipelineStack.SERVICES;
        while (System.nanoTime() < end) {
            missing = PipelineStack.SERVICES.stream().filter(s -> !stack.traces.exported(s, traceId)).toList();
            if (missing.isEmpty()) {
                break;
            }
            ServiceProcess.sleep(500);
        }
        assertEquals(List.of(), missing, "services that exported no span of trace " + traceId);
    }
}
