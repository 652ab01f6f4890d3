package io.panelflow.index.messaging;

import io.panelflow.frame.PanelFrame;
import io.panelflow.frame.expr.Expression;
import io.panelflow.index.IndexEngine;
import io.panelflow.index.IndexOutcome;
import io.panelflow.index.persistence.IndexRun;
import io.panelflow.model.EventTypes;
import io.panelflow.model.Stage;
import io.panelflow.model.Topics;
import io.panelflow.model.event.IndicesComputed;
import io.panelflow.model.event.PanelCleaned;
import io.panelflow.service.DeliveryPolicy;
import io.panelflow.service.EventCodec;
import io.panelflow.service.StageExecution;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code panel-cleaned} → compute the spec's composite and balance indices → {@code indices-computed}.
 * Idempotent by run: a run already computed is republished from storage, never recomputed. Errors are
 * handled by the {@link DeliveryPolicy} (dead letter, retry, FAILED).
 */
@ApplicationScoped
public class PanelCleanedConsumer {
    @Inject
    EventCodec codec;

    @Inject
    StageExecution stage;

    @Inject
    DeliveryPolicy delivery;

    @Inject
    @Channel("indices-computed-out")
    MutinyEmitter<String> out;

    @Incoming(Topics.PANEL_CLEANED)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        delivery.handle(record, Stage.INDEX, this::handle);
    }

    void handle(String value) {
        PanelCleaned in = codec.decode(value, PanelCleaned.class);
        stage.run(in.runId(), Stage.INDEX, out, EventTypes.INDICES_COMPUTED, Topics.INDICES_COMPUTED,
                () -> IndexRun.<IndexRun>findByIdOptional(in.runId()).map(r -> r.eventJson),
                () -> compute(in),
                json -> {
                    IndexRun run = new IndexRun();
                    run.runId = in.runId();
                    run.computedAt = java.time.Instant.now();
                    run.eventJson = json;
                    run.persist();
                });
    }

    private static IndicesComputed compute(PanelCleaned in) {
        PanelFrame panel = PanelFrame.over(in.panel());
        IndexOutcome outcome = IndexEngine.compute(panel, in.spec(), (frame, expr) -> Expression.parse(expr).evaluate(frame));
        return new IndicesComputed(in.runId(), in.spec(), outcome.panel().asTable(),
                outcome.groupPanel() == null ? null : outcome.groupPanel().asTable(),
                outcome.indices(), outcome.balance());
    }
}
