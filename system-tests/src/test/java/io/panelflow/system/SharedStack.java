package io.panelflow.system;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.Map;

/**
 * One pipeline stack for every system test class of a test run: started by the first class that
 * needs it ({@code @ExtendWith(SharedStack.class)}, then {@link #get()}), closed when the whole run
 * ends (a resource of JUnit's root store), so the broker, database and services start once.
 */
final class SharedStack implements BeforeAllCallback {
    private static PipelineStack stack;
    private static RuntimeException startFailure;

    /** The services' settings every system test runs with. */
    static Map<String, List<String>> systemProperties() {
        // Short consumer sessions so a restarted estimation service gets the partition back quickly, and a
        // killed report replica's partitions go to the other one quickly; a killed report replica's claim on
        // finishing a report is taken over after 20 s.
        List<String> report = new java.util.ArrayList<>(List.of("-Dpanelflow.report.claim-stale-after=PT20S",
                "-Dpanelflow.watchdog.every=5s"));
        for (String channel : List.of("run-status", "panel-cleaned", "indices-computed", "estimates-completed")) {
            report.add("-Dmp.messaging.incoming." + channel + ".session.timeout.ms=6000");
            report.add("-Dmp.messaging.incoming." + channel + ".heartbeat.interval.ms=1000");
        }
        return Map.of("estimation-service", List.of("-Dmp.messaging.incoming.indices-computed.session.timeout.ms=6000",
                "-Dmp.messaging.incoming.indices-computed.heartbeat.interval.ms=1000"), "report-service", report);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedStack.class, k -> new Closer(start()), Closer.class);
    }

    private static synchronized PipelineStack start() {
        if (startFailure != null) {
            throw new IllegalStateException("the shared pipeline stack did not start", startFailure);
        }
        if (stack == null) {
            PipelineStack s = null;
            try {
                s = new PipelineStack(systemProperties());
                stack = s.startAll();
            } catch (Exception | Error e) {
                startFailure = e instanceof RuntimeException re ? re : new IllegalStateException(e);
                if (s != null) {
                    s.close();
                }
                throw startFailure;
            }
        }
        return stack;
    }

    /** The running stack; the test class must carry {@code @ExtendWith(SharedStack.class)}. */
    static synchronized PipelineStack get() {
        if (stack == null) {
            throw new IllegalStateException("no shared stack: annotate the test class with @ExtendWith(SharedStack.class)");
        }
        return stack;
    }

    private record Closer(PipelineStack stack) implements AutoCloseable {
        @Override
        public void close() {
            synchronized (SharedStack.class) {
                stack.close();
                SharedStack.stack = null;
            }
        }
    }
}
