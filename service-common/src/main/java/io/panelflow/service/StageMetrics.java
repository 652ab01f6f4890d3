package io.panelflow.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pipeline's own metrics, on every service's {@code /q/metrics} (Prometheus names):
 * <ul>
 *   <li>{@code panelflow_stage_duration_seconds{stage, outcome}} — computations, completed or failed;</li>
 *   <li>{@code panelflow_stage_phase_seconds{stage, phase}} — parts of a stage's work (the ingest's
 *       {@code prepare}: read, validate, clean; {@code store}: the transaction);</li>
 *   <li>{@code panelflow_stage_failures_total{stage, kind}} — runs failed by a stage: {@code computation},
 *       {@code out-of-memory}, {@code deadline}, {@code gave-up} (transient failures past the retry budget);</li>
 *   <li>{@code panelflow_stage_retries_total{stage, topic}} — retries of a record after a transient failure;</li>
 *   <li>{@code panelflow_runs_in_flight{stage}} — runs this instance is handling now;</li>
 *   <li>{@code panelflow_dead_letters_total{topic, kind}} — records sent to the dead-letter topic:
 *       {@code unreadable} or {@code gave-up}.</li>
 * </ul>
 */
@ApplicationScoped
public class StageMetrics {
    @Inject
    MeterRegistry registry;

    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    public static String stageTag(Object stage) {
        return stage == null ? "none" : stage.toString().toLowerCase(Locale.ROOT);
    }

    public void computed(Object stage, String outcome, Duration took) {
        Timer.builder("panelflow.stage.duration").description("Time a stage's computation took")
                .tag("stage", stageTag(stage)).tag("outcome", outcome)
                .register(registry).record(took);
    }

    /** A part of a stage's work ({@code prepare}, {@code store}, ...). */
    public void phase(Object stage, String phase, Duration took) {
        Timer.builder("panelflow.stage.phase").description("Time a part of a stage's work took")
                .tag("stage", stageTag(stage)).tag("phase", phase)
                .register(registry).record(took);
    }

    public void failed(Object stage, String kind) {
        Counter.builder("panelflow.stage.failures").description("Runs a stage failed")
                .tag("stage", stageTag(stage)).tag("kind", kind).register(registry).increment();
    }

    public void retried(Object stage, String topic) {
        Counter.builder("panelflow.stage.retries").description("Retries of a record after a transient failure")
                .tag("stage", stageTag(stage)).tag("topic", topic).register(registry).increment();
    }

    public void deadLettered(String topic, String kind) {
        Counter.builder("panelflow.dead.letters").description("Records sent to the dead-letter topic")
                .tag("topic", topic).tag("kind", kind).register(registry).increment();
    }

    /** Counts a run in flight until the returned handle is closed. */
    public InFlight start(Object stage) {
        String tag = stageTag(stage);
        AtomicInteger gauge = inFlight.computeIfAbsent(tag, t -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("panelflow.runs.in.flight", value, AtomicInteger::get)
                    .description("Runs this instance is handling now").tag("stage", t).register(registry);
            return value;
        });
        gauge.incrementAndGet();
        return gauge::decrementAndGet;
    }

    /** A run counted in flight. */
    public interface InFlight extends AutoCloseable {
        @Override
        void close();
    }
}
