package io.panelflow.ingest.intake;

import io.panelflow.ingest.clean.PanelPreparation;
import io.panelflow.ingest.clean.PreparedPanel;
import io.panelflow.ingest.messaging.OutboxRelay;
import io.panelflow.ingest.persistence.IntakeOutbox;
import io.panelflow.ingest.persistence.RawUploadStore;
import io.panelflow.ingest.persistence.UploadedRun;
import io.panelflow.ingest.upload.UploadLimits;
import io.panelflow.ingest.upload.UploadedFile;
import io.panelflow.model.EventTypes;
import io.panelflow.model.RunStatus;
import io.panelflow.model.Stage;
import io.panelflow.model.Topics;
import io.panelflow.model.event.DataProvenance;
import io.panelflow.model.event.PanelCleaned;
import io.panelflow.model.event.RunStatusChanged;
import io.panelflow.model.panel.PanelTable;
import io.panelflow.model.result.DataQualityReport;
import io.panelflow.model.spec.SpecLimits;
import io.panelflow.model.spec.SpecReader;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.service.ClaimCheckStore;
import io.panelflow.service.EventCodec;
import io.panelflow.service.EventJson;
import io.panelflow.service.StageMetrics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Accepting a run: read and check the spec (cost limits first), read the uploaded file from disk as a stream,
 * validate and clean the data (pure, may throw the 4xx problems), then store it with what it owes the
 * pipeline in ONE transaction: the upload row and its raw bytes (streamed from the file in chunks),
 * the ingest stage's {@code run-status} RUNNING (at the time the upload arrived), the {@code panel-cleaned} record (its value a claim-check envelope when large — the payload is
 * stored in the same transaction, so a rollback leaves nothing) and the ingest stage's
 * {@code run-status} COMPLETED, all as outbox rows: the run status shows how long the ingest took, and the
 * {@code panelflow_stage_duration_seconds{stage="ingest"}} and {@code panelflow_stage_phase_seconds} timers
 * (phases {@code prepare}: read, validate, clean; {@code store}: the transaction) record it. The broker is not involved: the relay
 * publishes the rows (nudged right after the commit), so a run is accepted whenever the database
 * is up, and every accepted run reaches the broker once it is up.
 */
@ApplicationScoped
public class RunIntake {
    @Inject
    IntakeOutbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    EventCodec codec;

    @Inject
    ClaimCheckStore claimChecks;

    @ConfigProperty(name = "panelflow.version", defaultValue = "0.1.0")
    String version;

    @Inject
    SpecLimits specLimits;

    @Inject
    UploadLimits uploadLimits;

    @Inject
    RawUploadStore rawUploads;

    @Inject
    StageMetrics metrics;

    public String accept(UploadedFile data, String specText) {
        Instant received = Instant.now();
        long t0 = System.nanoTime();
        String fileName = data.fileName();
        StudySpec spec = SpecReader.read(specText, specLimits);
        Prepared prepared = prepare(data, spec);
        metrics.phase(Stage.INGEST, "prepare", Duration.ofNanos(System.nanoTime() - t0));
        String runId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        DataProvenance provenance = new DataProvenance(fileName, data.sha256(), data.size(),
                ClaimCheckStore.sha256(specText), now, version);
        PanelCleaned event = new PanelCleaned(runId, spec, prepared.panel(), prepared.quality(), provenance);
        String quality = EventJson.text(prepared.quality());
        String running = EventJson.text(new RunStatusChanged(runId, Stage.INGEST, RunStatus.RUNNING, null, received));
        String traceparent = CurrentTraceparent.get();

        // the claim-check table's DDL commits on its own connection: before the transaction
        claimChecks.ensureReady();
        long t1 = System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> {
            UploadedRun run = new UploadedRun();
            run.runId = runId;
            run.acceptedAt = now;
            run.fileName = fileName;
            run.dataSha256 = provenance.sha256();
            run.specText = specText;
            run.quality = quality;
            run.persistAndFlush();
            rawUploads.store(runId, data);
            outbox.append(runId, Topics.RUN_STATUS, EventTypes.RUN_STATUS, running, now, traceparent);
            // the panel goes to the claim-check store as Arrow in this transaction; the record stays small JSON
            String value = codec.encode(runId, Topics.PANEL_CLEANED, event);
            outbox.append(runId, Topics.PANEL_CLEANED, EventTypes.PANEL_CLEANED, value, now, traceparent);
            // finished = stored, so the ingest's duration in the run status covers reading, checking and storing
            String completed = EventJson.text(new RunStatusChanged(runId, Stage.INGEST, RunStatus.COMPLETED, null,
                    Instant.now()));
            outbox.append(runId, Topics.RUN_STATUS, EventTypes.RUN_STATUS, completed, now, traceparent);
        });
        metrics.phase(Stage.INGEST, "store", Duration.ofNanos(System.nanoTime() - t1));
        metrics.computed(Stage.INGEST, "completed", Duration.ofNanos(System.nanoTime() - t0));
        relay.nudge();
        return runId;
    }

    /**
     * Reads, validates and cleans the upload; only the cleaned panel (sharing the cleaned frame's columns) and
     * the quality report outlive this call, so the table as read and the validated frame are garbage by
     * the time the panel is stored.
     */
    private Prepared prepare(UploadedFile data, StudySpec spec) {
        PreparedPanel prepared = PanelPreparation.prepare(data.path(), data.fileName(), spec, uploadLimits);
        return new Prepared(prepared.cleaned().asTable(), prepared.quality());
    }

    private record Prepared(PanelTable panel, DataQualityReport quality) {
    }
}
