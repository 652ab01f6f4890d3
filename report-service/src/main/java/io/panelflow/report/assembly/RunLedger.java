package io.panelflow.report.assembly;

import io.panelflow.model.RunStatus;
import io.panelflow.model.Stage;
import io.panelflow.model.event.EstimatesCompleted;
import io.panelflow.model.event.IndicesComputed;
import io.panelflow.model.event.PanelCleaned;
import io.panelflow.model.event.RunStatusChanged;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.report.persistence.ReportDocument;
import io.panelflow.report.persistence.ReportRun;
import io.panelflow.report.persistence.RunStage;
import io.panelflow.service.EventJson;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The report service's record of every run, fed by all topics in any order. Each event is stored
 * under a row lock on the run; once the panel, the indices and the estimates are all in, the
 * documents are rendered once ({@code documents_built}) and the run becomes COMPLETED.
 */
@ApplicationScoped
public class RunLedger {
    @Inject
    ReportRendering rendering;

    /**
     * {@code documentsBuilt}: the run's documents are stored and reports-ready is not yet published —
     * built by this event, or built earlier by an event whose reports-ready was lost.
     */
    public record Outcome(RunSummary summary, boolean documentsBuilt) {
    }

    @Transactional
    public Outcome onStatus(RunStatusChanged e) {
        ReportRun run = lock(e.runId());
        RunStage stage = RunStage.findById(new RunStage.Key(e.runId(), e.stage().name()));
        if (stage == null) {
            stage = new RunStage();
            stage.runId = e.runId();
            stage.stage = e.stage().name();
        }
        stage.status = e.status().name();
        stage.reason = e.reason();
        stage.changedAt = e.at() == null ? Instant.now() : e.at();
        stage.persist();
        Panache.getEntityManager().flush();
        refreshStatus(run);
        return new Outcome(summary(run), false);
    }

    @Transactional
    public Outcome onPanelCleaned(PanelCleaned e) {
        ReportRun run = lock(e.runId());
        run.specJson = EventJson.text(e.spec());
        run.provenanceJson = EventJson.text(e.provenance());
        run.qualityJson = EventJson.text(e.quality());
        return afterInput(run);
    }

    @Transactional
    public Outcome onIndicesComputed(IndicesComputed e) {
        ReportRun run = lock(e.runId());
        run.indicesJson = EventJson.text(e.indices());
        run.balanceJson = EventJson.text(e.balance());
        if (run.specJson == null) {
            run.specJson = EventJson.text(e.spec());
        }
        return afterInput(run);
    }

    @Transactional
    public Outcome onEstimatesCompleted(EstimatesCompleted e) {
        ReportRun run = lock(e.runId());
        run.resultsJson = EventJson.text(e.results());
        return afterInput(run);
    }

    private Outcome afterInput(ReportRun run) {
        boolean built = false;
        if (!run.documentsBuilt && run.qualityJson != null && run.indicesJson != null && run.resultsJson != null) {
            setStage(run.runId, Stage.REPORT, RunStatus.RUNNING, null);
            try {
                for (ReportRendering.Rendered doc : rendering.renderAll(run)) {
                    ReportDocument d = new ReportDocument();
                    d.runId = run.runId;
                    d.format = doc.format();
                    d.mediaType = doc.mediaType();
                    d.content = doc.content();
                    d.persist();
                }
                run.documentsBuilt = true;
                setStage(run.runId, Stage.REPORT, RunStatus.COMPLETED, null);
                built = true;
            } catch (RuntimeException ex) {
                setStage(run.runId, Stage.REPORT, RunStatus.FAILED, "the report could not be rendered: " + ex.getMessage());
            }
        }
        run.updatedAt = Instant.now();
        Panache.getEntityManager().flush();
        refreshStatus(run);
        return new Outcome(summary(run), built || run.documentsBuilt && !run.reportsPublished);
    }

    /** Records that reports-ready went out for the run. */
    @Transactional
    public void reportsPublished(String runId) {
        ReportRun.update("reportsPublished = true where runId = ?1", runId);
    }

    private void setStage(String runId, Stage stage, RunStatus status, String reason) {
        RunStage s = RunStage.findById(new RunStage.Key(runId, stage.name()));
        if (s == null) {
            s = new RunStage();
            s.runId = runId;
            s.stage = stage.name();
        }
        s.status = status.name();
        s.reason = reason;
        s.changedAt = Instant.now();
        s.persist();
    }

    /** The run's row, created on the first event of any kind, locked for the rest of the transaction. */
    private ReportRun lock(String runId) {
        Panache.getEntityManager().createNativeQuery(
                        "insert into report_run (run_id, status, created_at, updated_at) values (?1, 'ACCEPTED', now(), now()) "
                                + "on conflict (run_id) do nothing")
                .setParameter(1, runId).executeUpdate();
        return ReportRun.findById(runId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** ACCEPTED until a stage after ingest starts; FAILED if any stage failed; COMPLETED with the report. */
    private void refreshStatus(ReportRun run) {
        List<RunStage> stages = RunStage.list("runId", run.runId);
        RunStatus status = RunStatus.ACCEPTED;
        String error = null;
        for (RunStage s : stages) {
            if (RunStatus.FAILED.name().equals(s.status)) {
                status = RunStatus.FAILED;
                error = Stage.valueOf(s.stage).name().toLowerCase() + " stage: " + s.reason;
                break;
            }
            if (Stage.REPORT.name().equals(s.stage) && RunStatus.COMPLETED.name().equals(s.status)) {
                status = RunStatus.COMPLETED;
            } else if (status != RunStatus.COMPLETED && !Stage.INGEST.name().equals(s.stage)) {
                status = RunStatus.RUNNING;
            }
        }
        if (status == RunStatus.ACCEPTED && (run.indicesJson != null || run.resultsJson != null)) {
            status = RunStatus.RUNNING;
        }
        run.status = status.name();
        run.error = error;
        run.updatedAt = Instant.now();
    }

    @Transactional
    public RunSummary summary(String runId) {
        ReportRun run = ReportRun.findById(runId);
        return run == null ? null : summary(run);
    }

    RunSummary summary(ReportRun run) {
        List<RunSummary.StageView> stages = RunStage.<RunStage>list("runId", run.runId).stream()
                .sorted(Comparator.comparing(s -> Stage.valueOf(s.stage).ordinal()))
                .map(s -> new RunSummary.StageView(s.stage, s.status, s.reason, s.changedAt)).toList();
        List<String> formats = run.documentsBuilt
                ? ReportDocument.<ReportDocument>list("runId", run.runId).stream().map(d -> d.format).sorted().toList()
                : List.of();
        String name = run.specJson == null ? null : EventJson.read(run.specJson, StudySpec.class).name();
        return new RunSummary(run.runId, name, run.status, run.createdAt, run.updatedAt, stages, run.error, formats);
    }
}
