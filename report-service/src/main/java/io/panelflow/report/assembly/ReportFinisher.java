package io.panelflow.report.assembly;

import io.panelflow.model.EventTypes;
import io.panelflow.model.RunStatus;
import io.panelflow.model.Stage;
import io.panelflow.model.event.ReportsReady;
import io.panelflow.report.persistence.ReportRun;
import io.panelflow.service.BrokerWait;
import io.panelflow.service.EventJson;
import io.panelflow.service.FailureReason;
import io.panelflow.service.PipelineMessages;
import io.panelflow.service.RunStatusPublisher;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Finishes a run's report once the ledger has handed out the claim ({@link RunLedger.Outcome#finish}):
 * renders every document without holding the run's lock, stores them in a new transaction (a second
 * renderer after a stale claim stores nothing twice), then publishes {@code reports-ready} and REPORT
 * COMPLETED, and only then marks the report published. A crash anywhere in between leaves the claim,
 * (refreshed every quarter of {@code panelflow.report.claim-stale-after} while this replica works on
 * it), which goes stale and is taken over by the run's next event or by the watchdog: the documents are
 * rendered again if they were not stored, and the events published again if they were not marked.
 * A rendering failure fails the run and publishes REPORT FAILED with the reason.
 */
@ApplicationScoped
public class ReportFinisher {
    private static final Logger LOG = Logger.getLogger(ReportFinisher.class);

    @Inject
    RunLedger ledger;

    @Inject
    ReportRendering rendering;

    @Inject
    RunStatusPublisher status;

    @Inject
    @Channel("reports-ready-out")
    MutinyEmitter<String> reportsReady;

    @ConfigProperty(name = "panelflow.report.claim-stale-after", defaultValue = "PT2M")
    Duration claimStaleAfter;

    private static final ScheduledExecutorService HEARTBEATS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "report-claim-heartbeat");
        t.setDaemon(true);
        return t;
    });

    public void finish(String runId) {
        ReportRun run = ledger.toFinish(runId);
        if (run == null) {
            return;
        }
        // keep the claim fresh while this replica works on it, so no one else takes it over meanwhile
        long every = Math.max(100, claimStaleAfter.toMillis() / 4);
        ScheduledFuture<?> heartbeat = HEARTBEATS.scheduleWithFixedDelay(() -> {
            try {
                ledger.refreshClaim(runId);
            } catch (RuntimeException e) {
                LOG.debugf("run %s: report claim not refreshed: %s", runId, e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        try {
            finishClaimed(runId, run);
        } finally {
            heartbeat.cancel(false);
        }
    }

    private void finishClaimed(String runId, ReportRun run) {
        List<String> formats;
        if (run.documentsBuilt) {
            formats = null;
        } else {
            List<ReportRendering.Rendered> documents;
            try {
                documents = rendering.renderAll(run);
            } catch (Throwable t) {
                if (t instanceof VirtualMachineError && !(t instanceof OutOfMemoryError || t instanceof StackOverflowError)) {
                    throw (VirtualMachineError) t;
                }
                String reason = "the report could not be rendered: " + describe(t);
                LOG.warnf("run %s: %s", runId, reason);
                ledger.renderingFailed(runId, reason);
                publishFailure(new RunLedger.PendingFailure(runId, Stage.REPORT, reason));
                return;
            }
            formats = ledger.storeDocuments(runId, documents);
            if (formats == null) {
                return; // the run failed while rendering: its report is not built
            }
        }
        if (formats == null) {
            formats = ledger.summary(runId).formats();
        }
        reportsReady.sendMessage(PipelineMessages.of(runId, EventTypes.REPORTS_READY, "/panelflow/report-service",
                EventJson.text(new ReportsReady(runId, formats)))).await().atMost(BrokerWait.forDelivery());
        status.publish(runId, Stage.REPORT, RunStatus.COMPLETED, null);
        ledger.reportsPublished(runId);
    }

    /** Publishes a FAILED the ledger recorded (watchdog, rendering), then clears it; a failed publish is retried by the watchdog. */
    public void publishFailure(RunLedger.PendingFailure failure) {
        status.publish(failure.runId(), failure.stage(), RunStatus.FAILED, failure.reason());
        ledger.failurePublished(failure.runId());
    }

    /** A reason a person can act on: the message, without exception class names. */
    static String describe(Throwable t) {
        if (t instanceof NullPointerException) {
            return "a value the report needs is missing from the run's results";
        }
        return FailureReason.of(t);
    }
}
