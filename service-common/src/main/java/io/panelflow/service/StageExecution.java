package io.panelflow.service;

import io.panelflow.model.RunStatus;
import io.panelflow.model.Stage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One pipeline stage for one run, exactly once in effect:
 * <ol>
 *   <li>if the stage's output for the run is already stored (a redelivered event), publish it again and stop;</li>
 *   <li>else publish RUNNING, compute; a computation that fails publishes FAILED with the reason and stops;</li>
 *   <li>store the output (the run id is the table's primary key), publish it and wait for the broker, publish COMPLETED.</li>
 * </ol>
 * Downstream consumers are idempotent in the same way, so republishing never doubles a result.
 * The incoming record is acknowledged only when this returns; a crash before that redelivers it.
 */
@ApplicationScoped
public class StageExecution {
    private static final Logger LOG = Logger.getLogger(StageExecution.class);

    @Inject
    RunStatusPublisher status;

    @Inject
    EventCodec codec;

    /**
     * Fault injection for drills and the restart test: hold each computation this long after RUNNING
     * is published, so a stage can be killed mid-run. Zero (no hold) in every normal deployment.
     */
    @ConfigProperty(name = "panelflow.stage.hold-ms", defaultValue = "0")
    long holdMillis;

    public void run(String runId, Stage stage, MutinyEmitter<String> out, String ceType, String kind,
                    Supplier<Optional<String>> storedOutput, Supplier<String> compute, Consumer<String> storeOutput) {
        Optional<String> stored = QuarkusTransaction.requiringNew().call(storedOutput::get);
        if (stored.isPresent()) {
            LOG.infof("run %s: %s output already stored, republishing", runId, stage);
            publish(runId, out, ceType, kind, stored.get());
            status.publish(runId, stage, RunStatus.COMPLETED, null);
            return;
        }
        status.publish(runId, stage, RunStatus.RUNNING, null);
        hold();
        String json;
        try {
            json = compute.get();
        } catch (RuntimeException e) {
            String reason = reason(e);
            LOG.warnf(e, "run %s: %s failed: %s", runId, stage, reason);
            status.publish(runId, stage, RunStatus.FAILED, reason);
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> storeOutput.accept(json));
        publish(runId, out, ceType, kind, json);
        status.publish(runId, stage, RunStatus.COMPLETED, null);
    }

    private void publish(String runId, MutinyEmitter<String> out, String ceType, String kind, String json) {
        String value = codec.encodeJson(runId, kind, json.getBytes(StandardCharsets.UTF_8));
        out.sendMessage(PipelineMessages.of(runId, ceType, "/panelflow/" + status.service, value))
                .await().atMost(Duration.ofSeconds(60));
    }

    private void hold() {
        if (holdMillis > 0) {
            try {
                Thread.sleep(holdMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The message a user reads: the exception's own words, or its kind when it has none. */
    static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
