package io.panelflow.estimation.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.estimation.persistence.EstimationRun;
import io.panelflow.frame.PanelFrame;
import io.panelflow.model.Topics;
import io.panelflow.model.event.EstimatesCompleted;
import io.panelflow.model.event.IndicesComputed;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.spec.SpecReader;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.service.EventCodec;
import io.panelflow.service.EventJson;
import io.panelflow.testing.KafkaBrokerResource;
import io.panelflow.testing.PostgresDatabaseResource;
import io.panelflow.testing.TopicClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The estimation stage on a real broker and database. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class IndicesComputedConsumerTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EventCodec codec;

    static StudySpec spec(String formula) {
        return SpecReader.read("""
                name: estimation-stage-test
                panel: {unit: unit, time: year}
                models:
                  - {id: baseline, formula: "%s", stepwise: true}
                """.formatted(formula));
    }

    /** y = 2 x1 - x2 + unit effect + year effect + noise, 12 units x 8 years. */
    static IndicesComputed event(String runId, StudySpec spec) {
        int units = 12, years = 8, n = units * years;
        SplittableRandom rnd = new SplittableRandom(7);
        String[] unit = new String[n];
        double[] year = new double[n], x1 = new double[n], x2 = new double[n], y = new double[n];
        for (int u = 0; u < units; u++) {
            double a = rnd.nextDouble();
            for (int t = 0; t < years; t++) {
                int r = u * years + t;
                unit[r] = "u" + u;
                year[r] = 2010 + t;
                x1[r] = rnd.nextDouble() + 0.1 * t;
                x2[r] = rnd.nextDouble() + a;
                y[r] = 2 * x1[r] - x2[r] + a + 0.05 * t + 0.1 * rnd.nextDouble();
            }
        }
        PanelFrame frame = new PanelFrame("unit", "year", null, Map.of()).withText("unit", unit)
                .withNumeric("year", year).withNumeric("x1", x1).withNumeric("x2", x2).withNumeric("y", y);
        return new IndicesComputed(runId, spec, frame.toTable(), null, List.of(), List.of());
    }

    @Test
    void estimatesEveryStepwiseColumnOncePerRun() {
        String runId = UUID.randomUUID().toString();
        String value = codec.encode(runId, Topics.INDICES_COMPUTED, event(runId, spec("y ~ x1 + x2 | unit + year")));
        try (TopicClient topics = new TopicClient(bootstrap)) {
            topics.send(Topics.INDICES_COMPUTED, runId, value, Map.of());
            List<ConsumerRecord<String, String>> out = topics.readKey(Topics.ESTIMATES_COMPLETED, runId, 1, WAIT);
            assertEquals(1, out.size());
            assertEquals("panelflow.estimates.completed.v1", TopicClient.header(out.get(0), "ce_type"));
            EstimatesCompleted done = codec.decode(out.get(0).value(), EstimatesCompleted.class);
            assertEquals(runId, done.results().runId());
            List<String> ids = done.results().models().stream().map(ModelResult::id).toList();
            assertTrue(ids.containsAll(List.of("baseline/1", "baseline/2")), ids.toString());
            ModelResult full = done.results().models().stream().filter(m -> m.id().equals("baseline/2")).findFirst().orElseThrow();
            assertEquals(96, full.nobs());
            assertEquals(2.0, full.coefficient("x1").estimate(), 0.1, "recovers the true slope");
            assertEquals("cluster", full.vcov().type());
            assertEquals(List.of(12), full.vcov().clusters(), "clustered by the panel unit by default");

            topics.send(Topics.INDICES_COMPUTED, runId, value, Map.of());
            assertEquals(2, topics.readKey(Topics.ESTIMATES_COMPLETED, runId, 2, WAIT).size(), "redelivery republishes");
            long rows = QuarkusTransaction.requiringNew().call(() -> EstimationRun.count("runId", runId));
            assertEquals(1, rows, "one stored result per run");
        }
    }

    @Test
    void aFormulaWithAnUnknownVariableFailsTheRunNamingIt() {
        String runId = UUID.randomUUID().toString();
        try (TopicClient topics = new TopicClient(bootstrap)) {
            topics.send(Topics.INDICES_COMPUTED, runId, codec.encode(runId, Topics.INDICES_COMPUTED,
                    event(runId, spec("y ~ x1 + x3 | unit + year"))), Map.of());
            List<ConsumerRecord<String, String>> status = topics.read(Topics.RUN_STATUS,
                    rs -> rs.stream().anyMatch(r -> runId.equals(r.key()) && r.value().contains("FAILED")), WAIT);
            JsonNode failed = status.stream().filter(r -> runId.equals(r.key()) && r.value().contains("FAILED"))
                    .map(r -> EventJson.read(r.value(), JsonNode.class)).findFirst().orElseThrow();
            assertEquals("ESTIMATION", failed.get("stage").asText());
            assertNotNull(failed.get("reason"));
            assertTrue(failed.get("reason").asText().contains("x3"), failed.toString());
        }
    }
}
