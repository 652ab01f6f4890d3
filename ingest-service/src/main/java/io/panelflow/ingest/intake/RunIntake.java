package io.panelflow.ingest.intake;

import io.panelflow.frame.PanelFrame;
import io.panelflow.ingest.clean.PanelPreparation;
import io.panelflow.ingest.clean.PreparedPanel;
import io.panelflow.ingest.messaging.PanelCleanedPublisher;
import io.panelflow.ingest.persistence.UploadedRun;
import io.panelflow.ingest.upload.UploadLimits;
import io.panelflow.model.RunStatus;
import io.panelflow.model.Stage;
import io.panelflow.model.event.DataProvenance;
import io.panelflow.model.event.PanelCleaned;
import io.panelflow.model.spec.SpecReader;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.service.ClaimCheckStore;
import io.panelflow.service.EventJson;
import io.panelflow.service.RunStatusPublisher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.UUID;

/**
 * Accepting a run: read and check the spec, read, validate and clean the data (pure, may throw the
 * 4xx problems), then store and publish. Storing and publishing go together: if the broker does
 * not take the event, the stored run is removed again, so nothing is left half-done.
 */
@ApplicationScoped
public class RunIntake {
    private static final Logger LOG = Logger.getLogger(RunIntake.class);

    @Inject
    PanelCleanedPublisher panelCleaned;

    @Inject
    RunStatusPublisher status;

    @ConfigProperty(name = "panelflow.version", defaultValue = "0.1.0")
    String version;

    @ConfigProperty(name = "panelflow.upload.max-bytes", defaultValue = "52428800")
    long maxUploadBytes;

    public String accept(byte[] data, String fileName, String specText) {
        StudySpec spec = SpecReader.read(specText);
        PreparedPanel prepared = PanelPreparation.prepare(data, fileName, spec, new UploadLimits(maxUploadBytes));
        String runId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        PanelFrame cleaned = prepared.cleaned();
        DataProvenance provenance = new DataProvenance(fileName, ClaimCheckStore.sha256(data), data.length,
                ClaimCheckStore.sha256(specText), now, version);
        PanelCleaned event = new PanelCleaned(runId, spec, cleaned.toTable(), prepared.quality(), provenance);

        QuarkusTransaction.requiringNew().run(() -> {
            UploadedRun run = new UploadedRun();
            run.runId = runId;
            run.acceptedAt = now;
            run.fileName = fileName;
            run.dataSha256 = provenance.sha256();
            run.rawData = data;
            run.specText = specText;
            run.cleanedPanel = EventJson.text(event.panel());
            run.quality = EventJson.text(prepared.quality());
            run.persist();
        });
        try {
            panelCleaned.publish(event);
        } catch (RuntimeException e) {
            LOG.errorf(e, "run %s: publishing failed, removing the stored upload", runId);
            QuarkusTransaction.requiringNew().run(() -> UploadedRun.deleteById(runId));
            throw new PipelineUnavailableException("the event broker did not accept the run; nothing was stored", e);
        }
        QuarkusTransaction.requiringNew().run(() -> UploadedRun.update("published = true where runId = ?1", runId));
        try {
            status.publish(runId, Stage.INGEST, RunStatus.COMPLETED, null);
        } catch (RuntimeException e) {
            // The run is on its way; the report service also learns of it from panel-cleaned.
            LOG.warnf(e, "run %s: run-status not published", runId);
        }
        return runId;
    }
}
