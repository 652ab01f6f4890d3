package io.panelflow.ingest.rest;

import io.panelflow.service.EventJson;
import io.panelflow.service.Problem;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Admission of {@code POST /api/runs}, decided from the request line and headers before a byte of the body
 * is read:
 * <ul>
 *   <li>a {@code Content-Length} above {@code panelflow.upload.max-bytes} plus the spec and the multipart
 *       framing ({@code panelflow.upload.max-spec-bytes} + 64 KiB) is answered {@code 413} with a problem body
 *       (and {@code Connection: close}), so a client learns the limit instead of seeing its connection dropped;
 *       a body without a length is measured on disk, and refused alike;</li>
 *   <li>at most {@code panelflow.upload.max-concurrent} uploads are received and processed at a time. One more
 *       waits, before its body is read, for up to {@code panelflow.upload.queue-wait} in a first-come queue of at most
 *       {@code panelflow.upload.max-queued}, and goes on as soon as a running upload ends; when the wait runs out
 *       or the queue is full it is answered {@code 429} with {@code Retry-After: panelflow.upload.retry-after-seconds}.
 *       The short queue spares clients that arrive together (twenty at once) the rounds of 429s that a fixed
 *       {@code Retry-After} would send them back in together. A permit is held until the response has ended or
 *       the connection is gone.</li>
 * </ul>
 * {@code quarkus.http.limits.max-body-size} stays above the upload limit, as the last line only.
 */
@ApplicationScoped
public class UploadAdmission {
    static final long FRAMING_BYTES = 64 * 1024;

    /** Free permits; a permit freed while uploads wait goes to the first of them instead (guarded by this). */
    private final Semaphore permits;
    /** Uploads waiting for a permit, first come first served (guarded by this). */
    private final Deque<Waiting> queue = new ArrayDeque<>();
    private final int maxConcurrent;
    private final long maxBytes;
    private final long maxSpecBytes;
    private final int retryAfterSeconds;
    private final long queueWaitMillis;
    private final int maxQueued;

    UploadAdmission(@ConfigProperty(name = "panelflow.upload.max-concurrent", defaultValue = "2") int maxConcurrent,
                    @ConfigProperty(name = "panelflow.upload.max-bytes", defaultValue = "1073741824") long maxBytes,
                    @ConfigProperty(name = "panelflow.upload.max-spec-bytes", defaultValue = "1048576") long maxSpecBytes,
                    @ConfigProperty(name = "panelflow.upload.retry-after-seconds", defaultValue = "5") int retryAfterSeconds,
                    @ConfigProperty(name = "panelflow.upload.queue-wait", defaultValue = "PT10S") Duration queueWait,
                    @ConfigProperty(name = "panelflow.upload.max-queued", defaultValue = "32") int maxQueued) {
        this.maxConcurrent = maxConcurrent;
        this.permits = new Semaphore(maxConcurrent);
        this.maxBytes = maxBytes;
        this.maxSpecBytes = maxSpecBytes;
        this.retryAfterSeconds = retryAfterSeconds;
        this.queueWaitMillis = queueWait.toMillis();
        this.maxQueued = maxQueued;
    }

    /** An upload waiting for a permit: its request, the event-loop context it arrived on, its wait timer. */
    private static final class Waiting {
        final RoutingContext rc;
        final Context context;
        long timer = -1;

        Waiting(RoutingContext rc, Context context) {
            this.rc = rc;
            this.context = context;
        }
    }

    void install(@Observes Router router) {
        router.post("/api/runs").order(Integer.MIN_VALUE + 10).handler(this::admit);
    }

    void admit(RoutingContext rc) {
        String length = rc.request().getHeader("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared > maxBytes + maxSpecBytes + FRAMING_BYTES) {
                String detail = "the request has " + declared + " bytes; the data file may have at most " + maxBytes
                        + " bytes (panelflow.upload.max-bytes) and the spec " + maxSpecBytes
                        + " bytes (panelflow.upload.max-spec-bytes)";
                answer(rc, new Problem("https://panelflow.io/problems/upload-too-large", "File too large", 413,
                        detail, null, null, null, null), null, true);
                return;
            }
        }
        boolean permitted, queued = false;
        Waiting w = new Waiting(rc, Vertx.currentContext());
        synchronized (this) {
            permitted = permits.tryAcquire();
            if (!permitted && queueWaitMillis > 0 && queue.size() < maxQueued) {
                queue.addLast(w);
                queued = true;
            }
        }
        if (permitted) {
            proceed(rc);
            return;
        }
        if (!queued) {
            refuse(rc);
            return;
        }
        w.timer = rc.vertx().setTimer(queueWaitMillis, id -> {
            if (leaveQueue(w) && !w.rc.response().closed()) {
                refuse(w.rc);
            }
        });
    }

    /**
     * The upload goes on holding a permit, given back when its response has ended or its connection is gone (at
     * once when a client gave up while it waited).
     */
    private void proceed(RoutingContext rc) {
        AtomicBoolean released = new AtomicBoolean();
        rc.addEndHandler(done -> {
            if (released.compareAndSet(false, true)) {
                release(1);
            }
        });
        if (rc.response().closed()) {
            if (released.compareAndSet(false, true)) {
                release(1);
            }
            return;
        }
        rc.next();
    }

    private synchronized boolean leaveQueue(Waiting w) {
        return queue.remove(w);
    }

    private void refuse(RoutingContext rc) {
        answer(rc, new Problem("https://panelflow.io/problems/too-many-uploads", "Too many uploads at once", 429,
                maxConcurrent + " uploads are being received or processed, the most this service takes at once"
                        + " (panelflow.upload.max-concurrent); send it again in " + retryAfterSeconds + " s",
                null, null, null, null), retryAfterSeconds, rc.request().getHeader("Content-Length") != null);
    }

    /** Permits free now (for tests and metrics). */
    public int available() {
        return permits.availablePermits();
    }

    /** Uploads waiting for a permit now (for tests and metrics). */
    public synchronized int queued() {
        return queue.size();
    }

    /** Takes every free permit, as if that many uploads were running; returns how many were taken. */
    public int occupyAll() {
        return permits.drainPermits();
    }

    /** Gives back {@code n} permits: each goes to the first waiting upload, if one waits, else back to the pool. */
    public void release(int n) {
        for (int i = 0; i < n; i++) {
            Waiting next;
            synchronized (this) {
                next = queue.pollFirst();
                if (next == null) {
                    permits.release();
                    continue;
                }
            }
            Waiting w = next;
            Runnable go = () -> {
                w.rc.vertx().cancelTimer(w.timer);
                proceed(w.rc);
            };
            if (w.context != null) {
                w.context.runOnContext(v -> go.run());
            } else {
                go.run();
            }
        }
    }

    private static void answer(RoutingContext rc, Problem problem, Integer retryAfter, boolean close) {
        var response = rc.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (retryAfter != null) {
            response.putHeader("Retry-After", Integer.toString(retryAfter));
        }
        if (close) {
            response.putHeader("Connection", "close");
        }
        response.end(EventJson.text(problem));
    }
}
