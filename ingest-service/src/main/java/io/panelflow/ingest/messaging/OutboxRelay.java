package io.panelflow.ingest.messaging;

import io.panelflow.ingest.persistence.IntakeOutbox;
import io.panelflow.ingest.persistence.OutboxBacklog;
import io.panelflow.ingest.persistence.OutboxEntry;
import io.panelflow.service.BrokerWait;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes the intake outbox: unpublished rows, oldest first, each sent and acknowledged by the
 * broker before the next (so a run's {@code panel-cleaned} precedes its {@code run-status}), then
 * marked published, all in one transaction that holds the rows with {@code FOR UPDATE SKIP LOCKED}
 * — several ingest replicas share the work without sending the same row at the same time.
 *
 * <p>It runs on one thread of its own, every {@code panelflow.outbox.relay-every} (1 s) and at once
 * when an upload commits ({@link #nudge()}) or the service starts, so rows left unpublished by a
 * crash are sent on the next start (or by another replica). While the broker (or the database) is
 * down it backs off, doubling from 1 s up to {@code panelflow.outbox.max-backoff} (30 s); uploads are
 * still accepted and wait in the outbox.
 *
 * <p><b>At least once.</b> A crash between the broker's acknowledgement and the commit of the mark
 * sends the row again (same {@code ce_id}). That is harmless: every downstream consumer is
 * idempotent by run id — the index service finds its stored result and republishes it, the run
 * ledger ignores a repeated status. A send is awaited for the producer's whole delivery timeout
 * plus a margin ({@link BrokerWait}), so a send the relay gave up on cannot land later and double.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    IntakeOutbox outbox;

    @Inject
    OutboxPublisher publisher;

    @ConfigProperty(name = "panelflow.outbox.batch-size", defaultValue = "100")
    int batchSize;

    /** Within one batch, no new send starts after this long; the rest waits for the next batch. */
    @ConfigProperty(name = "panelflow.outbox.batch-budget", defaultValue = "PT30S")
    Duration batchBudget;

    @ConfigProperty(name = "panelflow.outbox.max-backoff", defaultValue = "PT30S")
    Duration maxBackoff;

    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final AtomicReference<OutboxBacklog> backlog = new AtomicReference<>(OutboxBacklog.EMPTY);
    private ExecutorService worker;
    private volatile long notBeforeNanos = System.nanoTime();
    private volatile int consecutiveFailures;

    void onStart(@Observes StartupEvent start) {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "outbox-relay");
            t.setDaemon(true);
            return t;
        });
        nudge();
    }

    void onStop(@Observes ShutdownEvent stop) {
        if (worker != null) {
            worker.shutdownNow();
            try {
                worker.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Scheduled(every = "${panelflow.outbox.relay-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        refreshBacklog();
        nudge();
    }

    /** Asks for a relay pass soon (coalesced: at most one queued); ignored while backing off. */
    public void nudge() {
        ExecutorService w = worker;
        if (w != null && !w.isShutdown() && drainQueued.compareAndSet(false, true)) {
            try {
                w.execute(this::drain);
            } catch (RuntimeException e) {
                drainQueued.set(false);
            }
        }
    }

    /** The last backlog seen (refreshed every tick); for the gauges and the health data. */
    public OutboxBacklog backlog() {
        return backlog.get();
    }

    private void refreshBacklog() {
        try {
            backlog.set(QuarkusTransaction.requiringNew().call(outbox::backlog));
        } catch (RuntimeException e) {
            LOG.debugf("outbox backlog not read: %s", e.getMessage());
        }
    }

    private void drain() {
        drainQueued.set(false);
        if (System.nanoTime() - notBeforeNanos < 0) {
            return;
        }
        try {
            while (!Thread.currentThread().isInterrupted()) {
                BatchResult result = relayBatch();
                if (result.failure() != null) {
                    backOff(result.failure());
                    return;
                }
                recovered();
                if (!result.more()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            backOff(e);
        }
    }

    /** One batch in one transaction; visible for the relay's tests. */
    BatchResult relayBatch() {
        Duration sendTimeout = BrokerWait.forDelivery();
        int txTimeoutSeconds = (int) (sendTimeout.plus(batchBudget).toSeconds() + 30);
        return QuarkusTransaction.requiringNew().timeout(txTimeoutSeconds).call(() -> {
            List<OutboxEntry> rows = outbox.lockPending(batchSize);
            long start = System.nanoTime();
            int published = 0;
            Set<String> heldBack = new HashSet<>();
            for (OutboxEntry row : rows) {
                if (heldBack.contains(row.runId)) {
                    continue;
                }
                if (System.nanoTime() - start > batchBudget.toNanos()) {
                    return new BatchResult(published, true, null);
                }
                try {
                    publisher.send(row, sendTimeout);
                } catch (RuntimeException e) {
                    outbox.recordFailure(row, e.getMessage());
                    // the broker is most likely down: stop here, the rest keeps its order for the next pass
                    return new BatchResult(published, false, e);
                }
                outbox.markPublished(row);
                published++;
            }
            return new BatchResult(published, rows.size() >= batchSize, null);
        });
    }

    private void backOff(Throwable cause) {
        int failures = ++consecutiveFailures;
        long delayMillis = Math.min(maxBackoff.toMillis(), 1000L << Math.min(failures - 1, 20));
        notBeforeNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
        if (failures == 1) {
            LOG.warnf("outbox relay: cannot publish (%s); records stay in the outbox, retrying with backoff up to %s",
                    cause.getMessage(), maxBackoff);
        } else {
            LOG.debugf("outbox relay: attempt %s failed (%s); next in %s ms", Integer.valueOf(failures), cause.getMessage(), Long.valueOf(delayMillis));
        }
    }

    private void recovered() {
        if (consecutiveFailures > 0) {
            LOG.infof("outbox relay: publishing again after %d failed attempts", consecutiveFailures);
            consecutiveFailures = 0;
        }
        notBeforeNanos = System.nanoTime();
    }

    /** What one batch did: rows published, whether more may be waiting, the failure that stopped it. */
    record BatchResult(int published, boolean more, Throwable failure) {
    }
}
