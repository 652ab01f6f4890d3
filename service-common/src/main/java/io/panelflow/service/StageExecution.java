package io.panelflow.service;

import io.panelflow.model.RunStatus;
import io.panelflow.model.Stage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One pipeline stage for one run, exactly once in effect, on any number of replicas:
 * <ol>
 *   <li>claim (run, stage) in {@link RunClaims}: DONE → republish the stored output and COMPLETED; FAILED →
 *       publish FAILED with the stored reason again; a fresh claim of another replica → wait for it;
 *       a stale one → take it over;</li>
 *   <li>publish RUNNING and compute on a {@link StageWorkers} worker with the stage's deadline
 *       ({@code panelflow.stage.<stage>.deadline}, else {@code panelflow.stage.deadline}, default 30 min),
 *       refreshing the claim's heartbeat meanwhile. Whatever the computation throws — exceptions,
 *       {@link OutOfMemoryError}, {@link StackOverflowError} — and a passed deadline mark the claim FAILED
 *       and publish FAILED with a reason a person can act on;</li>
 *   <li>store the output and mark the claim DONE in one transaction, publish it and wait for the broker,
 *       publish COMPLETED.</li>
 * </ol>
 * A database or broker failure propagates to the {@link DeliveryPolicy}, which runs this again: the
 * claim is still this instance's, and an output computed but not yet stored is kept in memory for that
 * retry, so the computation is not repeated. The incoming record is acknowledged only when this returns.
 */
@ApplicationScoped
public class StageExecution {
    private static final Logger LOG = Logger.getLogger(StageExecution.class);
    private static final Duration WAIT_FOR_OTHER = Duration.ofSeconds(1);

    @Inject
    RunStatusPublisher status;

    @Inject
    EventCodec codec;

    @Inject
    RunClaims claims;

    @Inject
    StageWorkers workers;

    @Inject
    StageMetrics metrics;

    @Inject
    ServiceStopping stopping;

    /**
     * Fault injection for drills and the restart test: hold each computation this long after RUNNING
     * is published, so a stage can be killed mid-run. Zero (no hold) in every normal deployment.
     * The hold counts against the deadline and the claim's heartbeat runs during it.
     */
    @ConfigProperty(name = "panelflow.stage.hold-ms", defaultValue = "0")
    long holdMillis;

    @ConfigProperty(name = "panelflow.stage.deadline", defaultValue = "PT30M")
    Duration defaultDeadline;

    /** Outcomes computed (or failed) but not yet recorded because the database failed; keyed by run and stage. */
    private final Map<String, Object> unrecorded = new ConcurrentHashMap<>();

    private record Failure(String kind, String reason) {
    }

    /** The deadline of a stage's computation. */
    public Duration deadline(Stage stage) {
        return ConfigProvider.getConfig()
                .getOptionalValue("panelflow.stage." + RunClaims.stageKey(stage) + ".deadline", Duration.class)
                .orElse(defaultDeadline);
    }

    /**
     * Runs the stage for one run. {@code compute} returns the output event (written as JSON with its panels
     * stored as Arrow, see {@link EventCodec#json}) or its JSON text; {@code storedOutput} and
     * {@code storeOutput} read and keep that JSON in the stage's own table.
     */
    public void run(String runId, Stage stage, MutinyEmitter<String> out, String ceType, String kind,
                    Supplier<Optional<String>> storedOutput, Supplier<?> compute, Consumer<String> storeOutput) {
        runAs(claims.owner(), runId, stage, out, ceType, kind, storedOutput, compute, storeOutput);
    }

    /**
     * As {@link #run}, claiming as {@code owner} — a replica's identity; tests use two owners to act as
     * two replicas of one service.
     */
    public void runAs(String owner, String runId, Stage stage, MutinyEmitter<String> out, String ceType, String kind,
                      Supplier<Optional<String>> storedOutput, Supplier<?> compute, Consumer<String> storeOutput) {
        String key = owner + "|" + runId + "|" + stage;
        boolean waitLogged = false;
        while (true) {
            RunClaims.Claim claim = claims.claim(runId, stage, owner);
            if (claim.done()) {
                Optional<String> stored = QuarkusTransaction.requiringNew().call(storedOutput::get);
                if (stored.isEmpty()) {
                    throw new IllegalStateException("the " + RunClaims.stageKey(stage) + " stage of run " + runId
                            + " is marked done but its output is not stored");
                }
                LOG.infof("run %s: %s output already stored, republishing", runId, stage);
                publish(runId, out, ceType, kind, stored.get());
                status.publish(runId, stage, RunStatus.COMPLETED, null);
                return;
            }
            if (claim.failed()) {
                LOG.infof("run %s: %s already failed, publishing the failure again", runId, stage);
                status.publish(runId, stage, RunStatus.FAILED, claim.reason());
                return;
            }
            if (claim.heldByOther()) {
                if (!waitLogged) {
                    LOG.infof("run %s: %s is being computed by %s; waiting for it", runId, stage, claim.owner());
                    waitLogged = true;
                }
                stopping.pause(WAIT_FOR_OTHER);
                continue;
            }
            if (claim.takenOver()) {
                LOG.warnf("run %s: took over the %s claim of a replica that stopped refreshing it", runId, stage);
            }
            if (finishMine(owner, key, runId, stage, out, ceType, kind, storedOutput, compute, storeOutput)) {
                return;
            }
            // the claim was taken over while this instance computed: see who finished
        }
    }

    /** Computes and records under this owner's claim; false when the claim was lost meanwhile. */
    private boolean finishMine(String owner, String key, String runId, Stage stage, MutinyEmitter<String> out,
                               String ceType, String kind, Supplier<Optional<String>> storedOutput,
                               Supplier<?> compute, Consumer<String> storeOutput) {
        Object outcome = unrecorded.get(key);
        if (outcome == null) {
            Optional<String> stored = QuarkusTransaction.requiringNew().call(storedOutput::get);
            if (stored.isPresent()) {
                // stored before run claims existed, or by a replica whose DONE was lost: adopt it
                claims.done(runId, stage, owner);
                LOG.infof("run %s: %s output already stored, republishing", runId, stage);
                publish(runId, out, ceType, kind, stored.get());
                status.publish(runId, stage, RunStatus.COMPLETED, null);
                return true;
            }
            status.publish(runId, stage, RunStatus.RUNNING, null);
            outcome = compute(owner, runId, stage, compute);
            unrecorded.put(key, outcome);
        }
        if (outcome instanceof Failure f) {
            if (!claims.failed(runId, stage, owner, f.reason())) {
                unrecorded.remove(key);
                return false;
            }
            unrecorded.remove(key);
            status.publish(runId, stage, RunStatus.FAILED, f.reason());
            return true;
        }
        String json;
        if (outcome instanceof String text) {
            json = text;
        } else {
            // the event's panels go to the claim-check store as Arrow, outside the computation: a store
            // outage here is transient (retried with the outcome kept), not a failed computation
            json = codec.json(runId, kind, outcome);
            unrecorded.put(key, json);
        }
        boolean mine = QuarkusTransaction.requiringNew().call(() -> {
            if (!claims.done(runId, stage, owner)) {
                return false;
            }
            storeOutput.accept(json);
            return true;
        });
        unrecorded.remove(key);
        if (!mine) {
            LOG.warnf("run %s: the %s claim was taken over while computing; the other replica's output counts", runId, stage);
            return false;
        }
        publish(runId, out, ceType, kind, json);
        status.publish(runId, stage, RunStatus.COMPLETED, null);
        return true;
    }

    /** The output (its JSON, or the event to write as JSON), or a {@link Failure}. */
    private Object compute(String owner, String runId, Stage stage, Supplier<?> compute) {
        Duration deadline = deadline(stage);
        Duration heartbeatEvery = claims.staleAfter().dividedBy(4);
        long started = System.nanoTime();
        try {
            Object output = workers.compute(() -> {
                hold();
                return compute.get();
            }, deadline, heartbeatEvery, () -> claims.heartbeat(runId, stage, owner));
            metrics.computed(stage, "completed", Duration.ofNanos(System.nanoTime() - started));
            return output;
        } catch (StageWorkers.ComputationFailed e) {
            metrics.computed(stage, "failed", Duration.ofNanos(System.nanoTime() - started));
            metrics.failed(stage, e.kind());
            if (e.getCause() != null) {
                LOG.warnf(e.getCause(), "run %s: %s failed: %s", runId, stage, e.reason());
            } else {
                LOG.warnf("run %s: %s failed: %s", runId, stage, e.reason());
            }
            return new Failure(e.kind(), e.reason());
        }
    }

    private void publish(String runId, MutinyEmitter<String> out, String ceType, String kind, String json) {
        String value = codec.encodeJson(runId, kind, json.getBytes(StandardCharsets.UTF_8));
        out.sendMessage(PipelineMessages.of(runId, ceType, "/panelflow/" + status.service, value))
                .await().atMost(BrokerWait.forDelivery());
    }

    private void hold() {
        if (holdMillis > 0) {
            try {
                Thread.sleep(holdMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while held");
            }
        }
    }

    /** The message a user reads; see {@link FailureReason#of}. */
    static String reason(Throwable e) {
        return FailureReason.of(e);
    }
}
