package io.panelflow.estimation.messaging;

import io.panelflow.estimation.persistence.EstimationRun;
import io.panelflow.estimation.study.StudyRunner;
import io.panelflow.frame.PanelFrame;
import io.panelflow.model.EventTypes;
import io.panelflow.model.Stage;
import io.panelflow.model.Topics;
import io.panelflow.model.event.EstimatesCompleted;
import io.panelflow.model.event.IndicesComputed;
import io.panelflow.model.result.StudyResults;
import io.panelflow.service.DeliveryPolicy;
import io.panelflow.service.EventCodec;
import io.panelflow.service.EventJson;
import io.panelflow.service.StageExecution;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;

/**
 * {@code indices-computed} → estimate the spec's models, robustness, heterogeneity and mechanisms →
 * {@code estimates-completed}. Runs on the unit panel with its indices, or on the group-year balance
 * panel when the spec says {@code estimation: {level: group}}. Idempotent by run; errors are handled by
 * the {@link DeliveryPolicy} (dead letter, retry, FAILED).
 */
@ApplicationScoped
public class IndicesComputedConsumer {
    @Inject
    EventCodec codec;

    @Inject
    StageExecution stage;

    @Inject
    DeliveryPolicy delivery;

    @Inject
    @Channel("estimates-completed-out")
    MutinyEmitter<String> out;

    @Incoming(Topics.INDICES_COMPUTED)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        delivery.handle(record, Stage.ESTIMATION, this::handle);
    }

    void handle(String value) {
        IndicesComputed in = codec.decode(value, IndicesComputed.class);
        stage.run(in.runId(), Stage.ESTIMATION, out, EventTypes.ESTIMATES_COMPLETED, Topics.ESTIMATES_COMPLETED,
                () -> EstimationRun.<EstimationRun>findByIdOptional(in.runId()).map(r -> r.eventJson),
                () -> EventJson.text(estimate(in)),
                json -> {
                    EstimationRun run = new EstimationRun();
                    run.runId = in.runId();
                    run.estimatedAt = Instant.now();
                    run.eventJson = json;
                    run.persist();
                });
    }

    private static EstimatesCompleted estimate(IndicesComputed in) {
        boolean groupLevel = in.spec().estimation() != null && in.spec().estimation().groupLevel();
        if (groupLevel && in.groupPanel() == null) {
            throw new IllegalArgumentException("the spec asks to estimate on the group-year panel, "
                    + "but it has no balance indices to build one from");
        }
        PanelFrame panel = PanelFrame.over(groupLevel ? in.groupPanel() : in.panel());
        StudyResults results = StudyRunner.run(in.runId(), panel, in.spec());
        return new EstimatesCompleted(in.runId(), results);
    }
}
