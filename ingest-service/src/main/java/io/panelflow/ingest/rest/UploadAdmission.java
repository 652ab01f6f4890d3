package io.panelflow.ingest.rest;

import io.panelflow.service.EventJson;
import io.panelflow.service.Problem;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
 *   <li>at most {@code panelflow.upload.max-concurrent} uploads are received and processed at a time; one more
 *       is answered {@code 429} with {@code Retry-After: panelflow.upload.retry-after-seconds}. The permit is held
 *       until the response has ended or the connection is gone.</li>
 * </ul>
 * {@code quarkus.http.limits.max-body-size} stays above the upload limit, as the last line only.
 */
@ApplicationScoped
public class UploadAdmission {
    static final long FRAMING_BYTES = 64 * 1024;

    private final Semaphore permits;
    private final int maxConcurrent;
    private final long maxBytes;
    private final long maxSpecBytes;
    private final int retryAfterSeconds;

    UploadAdmission(@ConfigProperty(name = "panelflow.upload.max-concurrent", defaultValue = "2") int maxConcurrent,
                    @ConfigProperty(name = "panelflow.upload.max-bytes", defaultValue = "1073741824") long maxBytes,
                    @ConfigProperty(name = "panelflow.upload.max-spec-bytes", defaultValue = "1048576") long maxSpecBytes,
                    @ConfigProperty(name = "panelflow.upload.retry-after-seconds", defaultValue = "5") int retryAfterSeconds) {
        this.maxConcurrent = maxConcurrent;
        this.permits = new Semaphore(maxConcurrent);
        this.maxBytes = maxBytes;
        this.maxSpecBytes = maxSpecBytes;
        this.retryAfterSeconds = retryAfterSeconds;
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
        if (!permits.tryAcquire()) {
            answer(rc, new Problem("https://panelflow.io/problems/too-many-uploads", "Too many uploads at once", 429,
                    maxConcurrent + " uploads are being received or processed, the most this service takes at once"
                            + " (panelflow.upload.max-concurrent); send it again in " + retryAfterSeconds + " s",
                    null, null, null, null), retryAfterSeconds, rc.request().getHeader("Content-Length") != null);
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        rc.addEndHandler(done -> {
            if (released.compareAndSet(false, true)) {
                permits.release();
            }
        });
        rc.next();
    }

    /** Permits free now (for tests and metrics). */
    public int available() {
        return permits.availablePermits();
    }

    /** Takes every free permit, as if that many uploads were running; returns how many were taken. */
    public int occupyAll() {
        return permits.drainPermits();
    }

    public void release(int n) {
        permits.release(n);
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
