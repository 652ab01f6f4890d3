package io.panelflow.report.assembly;

import io.panelflow.model.RunStatus;
import io.panelflow.model.Stage;
import io.panelflow.model.event.EstimatesCompleted;
import io.panelflow.model.event.IndicesComputed;
import io.panelflow.model.event.PanelCleaned;
import io.panelflow.model.event.RunStatusChanged;
import io.panelflow.model.panel.PanelTable;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.report.persistence.EstimationPanels;
import io.panelflow.report.persistence.ReportDocument;
import io.panelflow.report.persistence.ReportRun;
import io.panelflow.report.persistence.RunChanges;
import io.panelflow.report.persistence.RunStage;
import io.panelflow.service.EventJson;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The report service's record of every run, fed by all topics in any order. Each event is stored
 * under a row lock on the run and merged by {@link RunStatusRules} (no status goes backwards, a
 * failed run stays failed). Every change is written to {@code run_change} in the same transaction,
 * which is how every replica's dashboards hear of it.
 *
 * <p>The report is not rendered here: the locked transaction only decides that the inputs are
 * complete and the report not yet published, and claims finishing it ({@code finish_claimed_at});
 * {@link ReportFinisher} renders without the lock and stores the documents in a new transaction.
 * A claim older than {@code panelflow.report.claim-stale-after} (the claimer crashed) is taken over
 * by the next event of the run or by the watchdog.
 *
 * <p>The steps of finishing and the watchdog's decisions each run in a transaction of their own
 * ({@code REQUIRES_NEW}), also when called inside the watchdog's round.
 */
@ApplicationScoped
public class RunLedger {
    @Inject
    RunChanges changes;

    @Inject
    EstimationPanels estimationPanels;

    @ConfigProperty(name = "panelflow.report.claim-stale-after", defaultValue = "PT2M")
    Duration claimStaleAfter;

    /** {@code finish}: the caller claimed finishing the run's report and must call {@link ReportFinisher#finish}. */
    public record Outcome(RunSummary summary, boolean finish) {
    }

    /** A FAILED the report service recorded itself and still has to publish on run-status. */
    public record PendingFailure(String runId, Stage stage, String reason) {
    }

    @Transactional
    public Outcome onStatus(RunStatusChanged e) {
        ReportRun run = lock(e.runId());
        boolean changed = recordStage(run.runId, e.stage(), e.status(), e.reason(), e.at() == null ? Instant.now() : e.at());
        return settle(run, changed);
    }

    @Transactional
    public Outcome onPanelCleaned(PanelCleaned e) {
        ReportRun run = lock(e.runId());
        boolean changed = run.qualityJson == null;
        run.specJson = EventJson.text(e.spec());
        run.provenanceJson = EventJson.text(e.provenance());
        run.qualityJson = EventJson.text(e.quality());
        return settle(run, changed);
    }

    /**
     * Records the index stage's output. The panel the models are fitted on is kept for the bundle: an event
     * of an earlier version carries it inline ({@code e}'s panel, read with the event) and it is stored here;
     * one stored as Arrow is copied by the caller after this transaction ({@link EstimationPanels#storeArrow}
     * streams from the claim-check store, which may share this transaction's connection).
     */
    @Transactional
    public Outcome onIndicesComputed(IndicesComputed e) {
        ReportRun run = lock(e.runId());
        boolean changed = run.indicesJson == null;
        run.indicesJson = EventJson.text(e.indices());
        run.balanceJson = EventJson.text(e.balance());
        PanelTable inline = groupLevel(e.spec()) ? e.groupPanel() : e.panel();
        if (inline != null) {
            estimationPanels.storeJson(e.runId(), inline);
        }
        if (run.specJson == null) {
            run.specJson = EventJson.text(e.spec());
        }
        return settle(run, changed);
    }

    /** The field of the indices-computed event that holds the panel the estimation stage fits the models on. */
    public static String estimationPanelField(StudySpec spec) {
        return groupLevel(spec) ? "groupPanel" : "panel";
    }

    private static boolean groupLevel(StudySpec spec) {
        return spec != null && spec.estimation() != null && spec.estimation().groupLevel();
    }

    @Transactional
    public Outcome onEstimatesCompleted(EstimatesCompleted e) {
        ReportRun run = lock(e.runId());
        boolean changed = run.resultsJson == null;
        run.resultsJson = EventJson.text(e.results());
        return settle(run, changed);
    }

    /** The run as stored, detached, for rendering outside any lock; null if it is gone or its report is out. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public ReportRun toFinish(String runId) {
        ReportRun run = ReportRun.findById(runId);
        if (run == null || run.reportsPublished || RunStatus.FAILED.name().equals(run.status) || !run.inputsComplete()) {
            return null;
        }
        Panache.getEntityManager().detach(run);
        return run;
    }

    /**
     * Stores the rendered documents unless they are stored already (a second renderer after a stale
     * claim), completes the REPORT stage. Returns the formats, or null when the run failed meanwhile
     * (its report is not built then).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<String> storeDocuments(String runId, List<ReportRendering.Rendered> documents) {
        ReportRun run = ReportRun.findById(runId, LockModeType.PESSIMISTIC_WRITE);
        if (run == null || RunStatus.FAILED.name().equals(run.status)) {
            return null;
        }
        if (!run.documentsBuilt) {
            ReportDocument.delete("runId", runId);
            for (ReportRendering.Rendered doc : documents) {
                ReportDocument d = new ReportDocument();
                d.runId = runId;
                d.format = doc.format();
                d.mediaType = doc.mediaType();
                d.content = doc.content();
                d.persist();
            }
            run.documentsBuilt = true;
        }
        boolean changed = recordStage(runId, Stage.REPORT, RunStatus.COMPLETED, null, Instant.now());
        settle(run, changed);
        return ReportDocument.<ReportDocument>list("runId", runId).stream().map(d -> d.format).sorted().toList();
    }

    /** The report could not be rendered: REPORT and the run FAILED, the FAILED to be published. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void renderingFailed(String runId, String reason) {
        ReportRun run = ReportRun.findById(runId, LockModeType.PESSIMISTIC_WRITE);
        if (run == null || run.documentsBuilt) {
            return;
        }
        fail(run, Stage.REPORT, reason);
    }

    /** The claimer is still at work on the run's report: its claim stays fresh. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void refreshClaim(String runId) {
        ReportRun.update("finishClaimedAt = ?1 where runId = ?2 and reportsPublished = false and finishClaimedAt is not null",
                Instant.now(), runId);
    }

    /** Records that reports-ready and REPORT COMPLETED went out for the run. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void reportsPublished(String runId) {
        ReportRun.update("reportsPublished = true, finishClaimedAt = null where runId = ?1", runId);
    }

    /**
     * The watchdog's look at one run, under its row lock (skipped if a consumer holds it): if the run
     * has gone past its deadline without progress it becomes FAILED with the reason. Returns the
     * failure to publish, or null.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public PendingFailure failIfStuck(String runId, Instant now, WatchdogDeadlines deadlines) {
        ReportRun run = tryLock(runId);
        if (run == null) {
            return null;
        }
        RunProgress progress = progress(run, now, deadlines);
        if (progress == null || !progress.stuck()) {
            return null;
        }
        fail(run, progress.waitingOn(), progress.reason());
        return new PendingFailure(runId, progress.waitingOn(), progress.reason());
    }

    /**
     * Where every run in flight stands, for the watchdog: runs without progress for at least {@code quiet}
     * (read without their large JSON columns).
     */
    @Transactional
    public List<RunProgressView> quietRuns(Instant now, Duration quiet, WatchdogDeadlines deadlines) {
        List<Object[]> rows = Panache.getEntityManager().createQuery(
                        "select r.runId, r.status, r.progressAt, case when r.resultsJson is not null then 2 "
                                + "when r.indicesJson is not null then 1 when r.qualityJson is not null then 0 else -1 end "
                                + "from ReportRun r where r.status in ('ACCEPTED', 'RUNNING') and r.progressAt < ?1 "
                                + "order by r.progressAt", Object[].class)
                .setParameter(1, now.minus(quiet)).getResultList();
        List<RunProgressView> out = new java.util.ArrayList<>();
        for (Object[] row : rows) {
            String runId = (String) row[0];
            int output = ((Number) row[3]).intValue();
            Stage lastOutput = output == 2 ? Stage.ESTIMATION : output == 1 ? Stage.INDEX : output == 0 ? Stage.INGEST : null;
            out.add(new RunProgressView(runId, RunProgress.of(RunStatus.valueOf((String) row[1]), statuses(stages(runId)),
                    lastOutput, (Instant) row[2], now, deadlines)));
        }
        return out;
    }

    public record RunProgressView(String runId, RunProgress progress) {
    }

    /** Runs whose report should be finished but whose claim is stale (or missing): the claimer crashed. */
    @Transactional
    public List<String> unfinishedReports(Instant now) {
        return ReportRun.<ReportRun>list("reportsPublished = false and status <> 'FAILED' and qualityJson is not null "
                        + "and indicesJson is not null and resultsJson is not null "
                        + "and (finishClaimedAt is null or finishClaimedAt < ?1)", now.minus(claimStaleAfter))
                .stream().map(r -> r.runId).toList();
    }

    /** Takes over finishing a run's report whose claim went stale; true if this caller now holds the claim. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean claimStaleFinish(String runId) {
        ReportRun run = tryLock(runId);
        return run != null && settle(run, false).finish();
    }

    @Transactional
    public List<PendingFailure> pendingFailures() {
        return ReportRun.<ReportRun>list("failureStage is not null").stream()
                .map(r -> new PendingFailure(r.runId, Stage.valueOf(r.failureStage), r.failureReason)).toList();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failurePublished(String runId) {
        ReportRun.update("failureStage = null, failureReason = null where runId = ?1", runId);
    }

    private void fail(ReportRun run, Stage stage, String reason) {
        boolean changed = recordStage(run.runId, stage, RunStatus.FAILED, reason, Instant.now());
        if (changed) {
            run.failureStage = stage.name();
            run.failureReason = reason;
        }
        settle(run, changed);
    }

    /**
     * Brings the run's status in line with its stages, claims finishing the report when its inputs
     * are complete, stamps progress and records the change for the dashboards.
     */
    private Outcome settle(ReportRun run, boolean changed) {
        Instant now = Instant.now();
        boolean finish = claimFinish(run, now);
        if (finish && !run.documentsBuilt) {
            changed |= recordStage(run.runId, Stage.REPORT, RunStatus.RUNNING, null, now);
        }
        Panache.getEntityManager().flush();
        Map<Stage, RunStage> stages = stages(run.runId);
        Map<Stage, RunStatus> statuses = statuses(stages);
        RunStatus before = RunStatus.valueOf(run.status);
        RunStatus after = RunStatusRules.run(before, statuses, run.indicesJson != null || run.resultsJson != null);
        if (after != before) {
            changed = true;
            run.status = after.name();
            if (after == RunStatus.FAILED) {
                run.error = firstFailure(stages);
            }
        }
        run.updatedAt = now;
        if (changed || finish) {
            run.progressAt = changed ? now : run.progressAt;
            Panache.getEntityManager().flush();
            RunSummary summary = summary(run);
            changes.record(run.runId, EventJson.text(summary));
            return new Outcome(summary, finish);
        }
        return new Outcome(summary(run), false);
    }

    /** Claims finishing the report if its inputs are complete, it is not out yet and nobody holds a fresh claim. */
    private boolean claimFinish(ReportRun run, Instant now) {
        if (run.reportsPublished || RunStatus.FAILED.name().equals(run.status) || !run.inputsComplete()) {
            return false;
        }
        if (run.finishClaimedAt != null && run.finishClaimedAt.isAfter(now.minus(claimStaleAfter))) {
            return false;
        }
        run.finishClaimedAt = now;
        return true;
    }

    /** Merges a stage's status (see {@link RunStatusRules#stage}); true if the stage changed. */
    private boolean recordStage(String runId, Stage stage, RunStatus status, String reason, Instant at) {
        RunStage s = RunStage.findById(new RunStage.Key(runId, stage.name()));
        RunStatus current = s == null ? null : RunStatus.valueOf(s.status);
        RunStatus next = RunStatusRules.stage(current, status);
        if (next == current) {
            return false;
        }
        if (s == null) {
            s = new RunStage();
            s.runId = runId;
            s.stage = stage.name();
        }
        s.status = next.name();
        s.reason = next == RunStatus.COMPLETED && current == RunStatus.FAILED
                ? "completed after the run had failed (" + s.reason + ")"
                : next == status ? reason : s.reason;
        s.changedAt = at;
        if (next == RunStatus.RUNNING && s.startedAt == null) {
            s.startedAt = at;
        } else if (next == RunStatus.COMPLETED || next == RunStatus.FAILED) {
            s.finishedAt = at;
        }
        s.persist();
        return true;
    }

    private static String firstFailure(Map<Stage, RunStage> stages) {
        return stages.values().stream().filter(s -> RunStatus.FAILED.name().equals(s.status)).findFirst()
                .map(s -> s.stage.toLowerCase() + " stage: " + s.reason).orElse(null);
    }

    private RunProgress progress(ReportRun run, Instant now, WatchdogDeadlines deadlines) {
        Stage lastOutput = run.resultsJson != null ? Stage.ESTIMATION
                : run.indicesJson != null ? Stage.INDEX : run.qualityJson != null ? Stage.INGEST : null;
        return RunProgress.of(RunStatus.valueOf(run.status), statuses(stages(run.runId)), lastOutput, run.progressAt,
                now, deadlines);
    }

    private static Map<Stage, RunStage> stages(String runId) {
        Map<Stage, RunStage> out = new EnumMap<>(Stage.class);
        for (RunStage s : RunStage.<RunStage>list("runId", runId)) {
            out.put(Stage.valueOf(s.stage), s);
        }
        return out;
    }

    private static Map<Stage, RunStatus> statuses(Map<Stage, RunStage> stages) {
        Map<Stage, RunStatus> out = new EnumMap<>(Stage.class);
        stages.forEach((k, v) -> out.put(k, RunStatus.valueOf(v.status)));
        return out;
    }

    /** The run's row, created on the first event of any kind, locked for the rest of the transaction. */
    private ReportRun lock(String runId) {
        Panache.getEntityManager().createNativeQuery(
                        "insert into report_run (run_id, status, created_at, updated_at, progress_at) "
                                + "values (?1, 'ACCEPTED', now(), now(), now()) on conflict (run_id) do nothing")
                .setParameter(1, runId).executeUpdate();
        return ReportRun.findById(runId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The run's row if no one else holds its lock (a consumer busy with it), else null. */
    private ReportRun tryLock(String runId) {
        List<?> ids = Panache.getEntityManager()
                .createNativeQuery("select run_id from report_run where run_id = ?1 for update skip locked")
                .setParameter(1, runId).getResultList();
        if (ids.isEmpty()) {
            return null;
        }
        return ReportRun.findById(runId);
    }

    @Transactional
    public RunSummary summary(String runId) {
        ReportRun run = ReportRun.findById(runId);
        return run == null ? null : summary(run);
    }

    RunSummary summary(ReportRun run) {
        List<RunSummary.StageView> stages = RunStage.<RunStage>list("runId", run.runId).stream()
                .sorted(Comparator.comparing(s -> Stage.valueOf(s.stage).ordinal()))
                .map(s -> new RunSummary.StageView(s.stage, s.status, s.reason, s.changedAt, s.startedAt, s.finishedAt,
                        RunSummary.seconds(s.startedAt, s.finishedAt))).toList();
        List<String> formats = run.documentsBuilt
                ? ReportDocument.<ReportDocument>list("runId", run.runId).stream().map(d -> d.format).sorted().toList()
                : List.of();
        String name = run.specJson == null ? null : EventJson.read(run.specJson, StudySpec.class).name();
        return new RunSummary(run.runId, name, run.status, run.createdAt, run.updatedAt, stages, run.error, formats);
    }
}
