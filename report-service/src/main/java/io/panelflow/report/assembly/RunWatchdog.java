package io.panelflow.report.assembly;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * No run stays stuck. Every {@code panelflow.watchdog.every} one replica of the report service (the one
 * that gets the transaction-scoped advisory lock; the others skip the round):
 * <ol>
 *   <li>fails each run in flight that has gone without progress past the deadline of the stage it
 *       waits on ({@link WatchdogDeadlines}), recording FAILED with "no progress in &lt;stage&gt; for
 *       … (deadline …)" and publishing it on run-status;</li>
 *   <li>publishes FAILED statuses recorded earlier whose publishing failed (broker down);</li>
 *   <li>finishes reports whose finishing claim went stale (the claimer crashed between rendering,
 *       storing and publishing).</li>
 * </ol>
 * Metrics: {@code panelflow_runs_stuck} (runs found past their deadline in the latest round) and
 * {@code panelflow_watchdog_failures_total} (runs the watchdog failed, by stage).
 */
@ApplicationScoped
public class RunWatchdog {
    private static final Logger LOG = Logger.getLogger(RunWatchdog.class);
    /** The advisory lock only one replica's watchdog holds at a time. */
    static final long LOCK_KEY = 7243002L;

    @Inject
    RunLedger ledger;

    @Inject
    ReportFinisher finisher;

    @Inject
    WatchdogDeadlines deadlines;

    @Inject
    MeterRegistry registry;

    private final AtomicInteger stuck = new AtomicInteger();

    @PostConstruct
    void registerGauge() {
        registry.gauge("panelflow.runs.stuck", stuck);
    }

    private volatile boolean stopping;

    void stopping(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Scheduled(every = "${panelflow.watchdog.every:30s}", delayed = "${panelflow.watchdog.delayed:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (stopping) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().timeout(3600).run(() -> {
                Object locked = Panache.getEntityManager().createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                        .setParameter(1, LOCK_KEY).getSingleResult();
                if (Boolean.TRUE.equals(locked)) {
                    sweep(Instant.now());
                }
            });
        } catch (RuntimeException e) {
            if (stopping) {
                return;
            }
            LOG.warnf("the watchdog's round failed, next round in %s: %s", deadlines.every(), ReportFinisher.describe(e));
        }
    }

    /** One round as of {@code now}; callers hold the watchdog lock. */
    void sweep(Instant now) {
        int found = 0;
        for (RunLedger.RunProgressView run : ledger.quietRuns(now, deadlines.shortest(), deadlines)) {
            if (run.progress() == null || !run.progress().stuck()) {
                continue;
            }
            found++;
            RunLedger.PendingFailure failure = ledger.failIfStuck(run.runId(), now, deadlines);
            if (failure != null) {
                LOG.warnf("run %s: failed by the watchdog: %s", failure.runId(), failure.reason());
                Counter.builder("panelflow.watchdog.failures").tag("stage", failure.stage().name().toLowerCase())
                        .description("runs the watchdog failed for lack of progress").register(registry).increment();
            }
        }
        stuck.set(found);
        List<RunLedger.PendingFailure> pending = ledger.pendingFailures();
        for (RunLedger.PendingFailure failure : pending) {
            try {
                finisher.publishFailure(failure);
            } catch (RuntimeException e) {
                LOG.warnf("run %s: FAILED not published yet, retried next round: %s", failure.runId(), ReportFinisher.describe(e));
            }
        }
        for (String runId : ledger.unfinishedReports(now)) {
            try {
                if (ledger.claimStaleFinish(runId)) {
                    LOG.infof("run %s: finishing a report whose claim went stale", runId);
                    finisher.finish(runId);
                }
            } catch (RuntimeException e) {
                LOG.warnf("run %s: report not finished yet, retried next round: %s", runId, ReportFinisher.describe(e));
            }
        }
    }
}
