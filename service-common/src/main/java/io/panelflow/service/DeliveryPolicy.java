package io.panelflow.service;

import io.panelflow.model.RunStatus;
import io.panelflow.model.Stage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Duration;

/**
 * The one error policy of every consumer. A consumer hands each record to {@link #handle}; what its
 * handler throws decides what happens to the record:
 * <ul>
 *   <li>{@link UnreadableEventException} (undecodable JSON, claim check not found, hash mismatch, unknown
 *       store) can never succeed: the record goes to {@code panelflow-dead-letter} with the reason,
 *       topic, partition and offset in headers, and is acknowledged;</li>
 *   <li>a failing computation is not seen here: {@link StageExecution} publishes {@code run-status}
 *       FAILED with the reason and returns normally, so the record is acknowledged;</li>
 *   <li>anything else (database down, broker timeout, a claim check unreadable because of the database)
 *       is transient: the handler runs again after a backoff (0.5 s doubling, capped at 30 s) on the same
 *       thread, without acknowledging, so the partition's — the run's — order holds. After
 *       {@code panelflow.retry.max-duration} (15 min) of retries the stage publishes FAILED
 *       ("… gave up after 15 min of retries: …") if it can, the record is dead-lettered and acknowledged.</li>
 * </ul>
 * The incoming channels use {@code failure-strategy=fail}: nothing reaches the connector's own failure
 * handling except a stop in the middle of a retry, which leaves the record uncommitted for the next start.
 * While a record is handled, the logging context carries its run id ({@code runId}, the record key).
 */
@ApplicationScoped
public class DeliveryPolicy {
    private static final Logger LOG = Logger.getLogger(DeliveryPolicy.class);
    public static final String MDC_RUN_ID = "runId";

    @Inject
    DeadLetters deadLetters;

    @Inject
    RunStatusPublisher status;

    @Inject
    StageMetrics metrics;

    @Inject
    ServiceStopping stopping;

    @ConfigProperty(name = "panelflow.retry.max-duration", defaultValue = "PT15M")
    Duration maxDuration;

    @ConfigProperty(name = "panelflow.retry.initial-backoff", defaultValue = "PT0.5S")
    Duration initialBackoff;

    @ConfigProperty(name = "panelflow.retry.max-backoff", defaultValue = "PT30S")
    Duration maxBackoff;

    /** What a consumer does with one record's value. */
    @FunctionalInterface
    public interface RecordHandler {
        void handle(String value) throws Exception;
    }

    /**
     * Handles one record by the policy; returns when the record may be acknowledged. {@code stage} is the
     * stage that publishes FAILED when retries give up (null: none, e.g. for {@code run-status} records).
     */
    public void handle(ConsumerRecord<String, String> record, Stage stage, RecordHandler handler) {
        String previous = (String) MDC.get(MDC_RUN_ID);
        if (record.key() != null) {
            MDC.put(MDC_RUN_ID, record.key());
        }
        try (StageMetrics.InFlight ignored = metrics.start(stage)) {
            handleWithRetries(record, stage, handler);
        } finally {
            if (previous != null) {
                MDC.put(MDC_RUN_ID, previous);
            } else {
                MDC.remove(MDC_RUN_ID);
            }
        }
    }

    private void handleWithRetries(ConsumerRecord<String, String> record, Stage stage, RecordHandler handler) {
        long started = System.nanoTime();
        Duration backoff = initialBackoff;
        int attempt = 0;
        while (true) {
            Throwable failure;
            try {
                handler.handle(record.value());
                if (attempt > 0) {
                    LOG.infof("%s record %d@%d handled after %d retries", record.topic(),
                            record.partition(), record.offset(), attempt);
                }
                return;
            } catch (UnreadableEventException e) {
                LOG.warnf("%s record %d@%d is unreadable, dead-lettered: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
                deadLetterUntilSent(record, e.getMessage(), "unreadable", started);
                return;
            } catch (ServiceStopping.StoppedException e) {
                throw e;
            } catch (Throwable e) {
                failure = e;
            }
            if (stopping.stopping() || Thread.currentThread().isInterrupted()) {
                throw new ServiceStopping.StoppedException();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            String cause = FailureReason.of(failure);
            if (elapsed.compareTo(maxDuration) >= 0) {
                giveUp(record, stage, cause, started);
                return;
            }
            attempt++;
            metrics.retried(stage, record.topic());
            if (attempt == 1) {
                LOG.warnf(failure, "%s record %d@%d failed transiently, retrying in %s: %s", record.topic(),
                        record.partition(), record.offset(), FailureReason.human(backoff), cause);
            } else {
                LOG.warnf("%s record %d@%d failed transiently (retry %d, %s so far), retrying in %s: %s", record.topic(),
                        record.partition(), record.offset(), attempt, FailureReason.human(Duration.ofSeconds(elapsed.toSeconds())),
                        FailureReason.human(backoff), cause);
            }
            Duration left = maxDuration.minus(elapsed);
            stopping.pause(backoff.compareTo(left) > 0 ? left : backoff);
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
    }

    private void giveUp(ConsumerRecord<String, String> record, Stage stage, String cause, long started) {
        String stageName = stage == null ? record.topic() + " consumer" : stage.name().toLowerCase(java.util.Locale.ROOT) + " stage";
        String reason = "the " + stageName + " gave up after " + FailureReason.human(maxDuration) + " of retries: " + cause;
        LOG.errorf("%s record %d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
        if (stage != null && record.key() != null) {
            metrics.failed(stage, "gave-up");
            try {
                status.publish(record.key(), stage, RunStatus.FAILED, reason);
            } catch (RuntimeException e) {
                LOG.errorf("could not publish FAILED after giving up: %s", FailureReason.of(e));
            }
        }
        deadLetterUntilSent(record, reason, "gave-up", started);
    }

    /** Dead-letters the record; while the broker refuses, keeps trying (the record must not be lost). */
    private void deadLetterUntilSent(ConsumerRecord<String, String> record, String reason, String kind, long started) {
        Duration backoff = initialBackoff;
        while (true) {
            try {
                deadLetters.send(record, reason, kind);
                return;
            } catch (RuntimeException e) {
                LOG.warnf("could not dead-letter %s record %d@%d, retrying in %s: %s", record.topic(), record.partition(),
                        record.offset(), FailureReason.human(backoff), FailureReason.of(e));
            }
            stopping.pause(backoff);
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
    }
}
