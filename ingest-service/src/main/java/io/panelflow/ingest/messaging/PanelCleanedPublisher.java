package io.panelflow.ingest.messaging;

import io.panelflow.model.EventTypes;
import io.panelflow.model.Topics;
import io.panelflow.model.event.PanelCleaned;
import io.panelflow.service.EventCodec;
import io.panelflow.service.PipelineMessages;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.time.Duration;

/** Publishes {@code panel-cleaned} and waits for the broker's acknowledgement. */
@ApplicationScoped
public class PanelCleanedPublisher {
    @Inject
    @Channel("panel-cleaned-out")
    MutinyEmitter<String> emitter;

    @Inject
    EventCodec codec;

    public void publish(PanelCleaned event) {
        String value = codec.encode(event.runId(), Topics.PANEL_CLEANED, event);
        emitter.sendMessage(PipelineMessages.of(event.runId(), EventTypes.PANEL_CLEANED, "/panelflow/ingest-service", value))
                .await().atMost(Duration.ofSeconds(30));
    }
}
