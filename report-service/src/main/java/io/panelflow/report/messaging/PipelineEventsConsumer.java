package io.panelflow.report.messaging;

import io.panelflow.model.Stage;
import io.panelflow.model.Topics;
import io.panelflow.model.event.EstimatesCompleted;
import io.panelflow.model.event.IndicesComputed;
import io.panelflow.model.event.PanelCleaned;
import io.panelflow.model.event.RunStatusChanged;
import io.panelflow.report.assembly.ReportFinisher;
import io.panelflow.report.assembly.RunLedger;
import io.panelflow.report.persistence.EstimationPanels;
import io.panelflow.service.DeliveryPolicy;
import io.panelflow.service.EventCodec;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The report service follows every topic. Each event updates the run's ledger; the event that
 * completes the run's inputs claims the report, which is then rendered outside the ledger's lock and
 * announced ({@code reports-ready}, REPORT COMPLETED) by {@link ReportFinisher}. Redelivered events
 * only rewrite what is already there. Errors are handled by the {@link DeliveryPolicy}: unreadable records are dead-lettered, transient failures retried.
 */
@ApplicationScoped
public class PipelineEventsConsumer {
    @Inject
    EventCodec codec;

    @Inject
    RunLedger ledger;

    @Inject
    DeliveryPolicy delivery;

    @Inject
    ReportFinisher finisher;

    @Inject
    EstimationPanels estimationPanels;

    @Incoming(Topics.RUN_STATUS)
    @Blocking
    public void status(ConsumerRecord<String, String> record) {
        // no stage publishes FAILED for a status record that cannot be handled: it would feed this same topic
        delivery.handle(record, null, value -> after(ledger.onStatus(codec.decode(value, RunStatusChanged.class))));
    }

    @Incoming(Topics.PANEL_CLEANED)
    @Blocking
    public void panelCleaned(ConsumerRecord<String, String> record) {
        delivery.handle(record, Stage.REPORT, value -> after(ledger.onPanelCleaned(codec.decodeWithoutPanels(value, PanelCleaned.class))));
    }

    @Incoming(Topics.INDICES_COMPUTED)
    @Blocking
    public void indicesComputed(ConsumerRecord<String, String> record) {
        delivery.handle(record, Stage.REPORT, value -> {
            // the panels stay in the claim-check store: the estimation panel is copied as Arrow, not read
            // (after the ledger's transaction: the copy reads the claim-check store on a connection of its own)
            IndicesComputed e = codec.decodeWithoutPanels(value, IndicesComputed.class);
            RunLedger.Outcome outcome = ledger.onIndicesComputed(e);
            codec.panelCheck(value, RunLedger.estimationPanelField(e.spec()))
                    .ifPresent(check -> estimationPanels.storeArrow(e.runId(), check));
            after(outcome);
        });
    }

    @Incoming(Topics.ESTIMATES_COMPLETED)
    @Blocking
    public void estimatesCompleted(ConsumerRecord<String, String> record) {
        delivery.handle(record, Stage.REPORT, value -> after(ledger.onEstimatesCompleted(codec.decode(value, EstimatesCompleted.class))));
    }

    /** The dashboards hear of the change through run_change; a claimed report is finished here, outside the ledger's lock. */
    private void after(RunLedger.Outcome outcome) {
        if (outcome.finish()) {
            finisher.finish(outcome.summary().runId());
        }
    }
}
