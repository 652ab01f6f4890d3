package io.panelflow.report.messaging;

import io.panelflow.model.EventTypes;
import io.panelflow.model.RunStatus;
import io.panelflow.model.Stage;
import io.panelflow.model.Topics;
import io.panelflow.model.event.EstimatesCompleted;
import io.panelflow.model.event.IndicesComputed;
import io.panelflow.model.event.PanelCleaned;
import io.panelflow.model.event.ReportsReady;
import io.panelflow.model.event.RunStatusChanged;
import io.panelflow.report.assembly.RunBroadcaster;
import io.panelflow.report.assembly.RunLedger;
import io.panelflow.service.BrokerWait;
import io.panelflow.service.DeliveryPolicy;
import io.panelflow.service.EventCodec;
import io.panelflow.service.EventJson;
import io.panelflow.service.PipelineMessages;
import io.panelflow.service.RunStatusPublisher;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The report service follows every topic. Each event updates the run's ledger; the event that
 * completes the run's inputs renders the documents, and then {@code reports-ready} and the REPORT
 * stage's status are published. Redelivered events only rewrite what is already there. Errors are
 * handled by the {@link DeliveryPolicy}: unreadable records are dead-lettered, transient failures retried.
 */
@ApplicationScoped
public class PipelineEventsConsumer {
    @Inject
    EventCodec codec;

    @Inject
    RunLedger ledger;

    @Inject
    RunBroadcaster broadcaster;

    @Inject
    RunStatusPublisher status;

    @Inject
    DeliveryPolicy delivery;

    @Inject
    @Channel("reports-ready-out")
    MutinyEmitter<String> reportsReady;

    @Incoming(Topics.RUN_STATUS)
    @Blocking
    public void status(ConsumerRecord<String, String> record) {
        // no stage publishes FAILED for a status record that cannot be handled: it would feed this same topic
        delivery.handle(record, null, value -> after(ledger.onStatus(codec.decode(value, RunStatusChanged.class))));
    }

    @Incoming(Topics.PANEL_CLEANED)
    @Blocking
    public void panelCleaned(ConsumerRecord<String, String> record) {
        delivery.handle(record, Stage.REPORT, value -> after(ledger.onPanelCleaned(codec.decode(value, PanelCleaned.class))));
    }

    @Incoming(Topics.INDICES_COMPUTED)
    @Blocking
    public void indicesComputed(ConsumerRecord<String, String> record) {
        delivery.handle(record, Stage.REPORT, value -> after(ledger.onIndicesComputed(codec.decode(value, IndicesComputed.class))));
    }

    @Incoming(Topics.ESTIMATES_COMPLETED)
    @Blocking
    public void estimatesCompleted(ConsumerRecord<String, String> record) {
        delivery.handle(record, Stage.REPORT, value -> after(ledger.onEstimatesCompleted(codec.decode(value, EstimatesCompleted.class))));
    }

    private void after(RunLedger.Outcome outcome) {
        broadcaster.changed(outcome.summary());
        if (outcome.documentsBuilt()) {
            String runId = outcome.summary().runId();
            ReportsReady ready = new ReportsReady(runId, outcome.summary().formats());
            reportsReady.sendMessage(PipelineMessages.of(runId, EventTypes.REPORTS_READY, "/panelflow/report-service",
                    EventJson.text(ready))).await().atMost(BrokerWait.forDelivery());
            status.publish(runId, Stage.REPORT, RunStatus.COMPLETED, null);
            ledger.reportsPublished(runId);
        }
    }
}
