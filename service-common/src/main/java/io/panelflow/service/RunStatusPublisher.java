package io.panelflow.service;

import io.panelflow.model.EventTypes;
import io.panelflow.model.RunStatus;
import io.panelflow.model.Stage;
import io.panelflow.model.event.RunStatusChanged;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.time.Instant;

/**
 * Publishes a stage's progress on {@code run-status} (outgoing channel {@code status-out}) and waits for
 * the broker's acknowledgement, at most the producer's delivery timeout plus a margin ({@link BrokerWait}).
 */
@ApplicationScoped
public class RunStatusPublisher {
    @Inject
    @Channel("status-out")
    MutinyEmitter<String> emitter;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    public void publish(String runId, Stage stage, RunStatus status, String reason) {
        RunStatusChanged event = new RunStatusChanged(runId, stage, status, reason, Instant.now());
        emitter.sendMessage(PipelineMessages.of(runId, EventTypes.RUN_STATUS, "/panelflow/" + service, EventJson.text(event)))
                .await().atMost(BrokerWait.forDelivery());
    }
}
