package io.panelflow.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs stage computations off the consumer thread: at most {@code panelflow.stage.workers} (default 1)
 * at a time, each with a deadline, while the waiting consumer thread refreshes the run's claim.
 * A computation past its deadline is interrupted and abandoned — its worker slot is given back at once,
 * so a runaway computation cannot block the stage; the thread ends when the computation next looks at
 * its interrupt flag or finishes.
 */
@ApplicationScoped
public class StageWorkers {
    private static final Logger LOG = Logger.getLogger(StageWorkers.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    @ConfigProperty(name = "panelflow.stage.workers", defaultValue = "1")
    int workers;

    @Inject
    ServiceStopping stopping;

    private volatile Semaphore slots;

    /** A computation that failed: thrown, ran out of memory, or passed its deadline. */
    public static final class ComputationFailed extends Exception {
        private final String kind;

        ComputationFailed(String kind, String reason, Throwable cause) {
            super(reason, cause, false, false);
            this.kind = kind;
        }

        /** {@code computation}, {@code out-of-memory} or {@code deadline} (the metric's kind). */
        public String kind() {
            return kind;
        }

        /** The reason a person reads. */
        public String reason() {
            return getMessage();
        }
    }

    /**
     * Runs {@code computation} on a worker and waits for it, calling {@code heartbeat} every
     * {@code heartbeatEvery}; throws {@link ComputationFailed} when it throws anything (errors included)
     * or passes {@code deadline}.
     */
    public <T> T compute(Supplier<T> computation, Duration deadline, Duration heartbeatEvery, Runnable heartbeat)
            throws ComputationFailed {
        Semaphore s = slots();
        try {
            while (!s.tryAcquire(heartbeatEvery.toMillis(), TimeUnit.MILLISECONDS)) {
                heartbeat(heartbeat);
                if (stopping.stopping()) {
                    throw new ServiceStopping.StoppedException();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceStopping.StoppedException();
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                s.release();
            }
        };
        Object runId = MDC.get(DeliveryPolicy.MDC_RUN_ID);
        FutureTask<T> task = new FutureTask<>(() -> {
            if (runId != null) {
                MDC.put(DeliveryPolicy.MDC_RUN_ID, runId.toString());
            }
            try {
                return computation.get();
            } finally {
                MDC.remove(DeliveryPolicy.MDC_RUN_ID);
                release.run();
            }
        });
        Thread thread = new Thread(task, "panelflow-stage-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
        long end = System.nanoTime() + deadline.toNanos();
        try {
            while (true) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    task.cancel(true);
                    release.run();
                    LOG.warnf("computation abandoned at its deadline of %s (thread %s interrupted)",
                            FailureReason.human(deadline), thread.getName());
                    throw new ComputationFailed("deadline", FailureReason.deadline(deadline), null);
                }
                try {
                    return task.get(Math.min(left, heartbeatEvery.toNanos()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    heartbeat(heartbeat);
                    if (stopping.stopping()) {
                        task.cancel(true);
                        release.run();
                        throw new ServiceStopping.StoppedException();
                    }
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String kind = cause instanceof OutOfMemoryError ? "out-of-memory" : "computation";
            throw new ComputationFailed(kind, FailureReason.of(cause), cause);
        } catch (CancellationException e) {
            throw new ServiceStopping.StoppedException();
        } catch (InterruptedException e) {
            task.cancel(true);
            release.run();
            Thread.currentThread().interrupt();
            throw new ServiceStopping.StoppedException();
        }
    }

    private static void heartbeat(Runnable heartbeat) {
        try {
            heartbeat.run();
        } catch (RuntimeException e) {
            LOG.warnf("could not refresh the run's claim (will try again): %s", FailureReason.of(e));
        }
    }

    private Semaphore slots() {
        Semaphore s = slots;
        if (s == null) {
            synchronized (this) {
                if (slots == null) {
                    slots = new Semaphore(Math.max(1, workers));
                }
                s = slots;
            }
        }
        return s;
    }
}
