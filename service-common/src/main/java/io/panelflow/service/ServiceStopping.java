package io.panelflow.service;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets the waits of the delivery policy (backoff, a claim held by another replica, a computation)
 * end when the service stops, so that a stop never waits out a 30 s backoff. The record being
 * handled is then left unacknowledged and is delivered again after the restart.
 */
@ApplicationScoped
public class ServiceStopping {
    private final CountDownLatch stopped = new CountDownLatch(1);

    void onStop(@Observes ShutdownEvent event) {
        stopped.countDown();
    }

    public boolean stopping() {
        return stopped.getCount() == 0;
    }

    /** Waits {@code d}; throws {@link StoppedException} when the service stops meanwhile (or the thread is interrupted). */
    public void pause(Duration d) {
        try {
            if (stopped.await(d.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new StoppedException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoppedException();
        }
    }

    /** The service stops: the record in hand stays unacknowledged. */
    public static class StoppedException extends RuntimeException {
        public StoppedException() {
            super("the service is stopping; the record will be delivered again", null, false, false);
        }
    }
}
