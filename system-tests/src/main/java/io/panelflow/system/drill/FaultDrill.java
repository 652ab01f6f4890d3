package io.panelflow.system.drill;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The fault drill of the whole pipeline: for each fault in turn, {@code runs} uploads — half of them
 * at once, the other half at once right after the fault — while the broker or one service is
 * SIGKILLed, or PostgreSQL stops immediately; after {@code down} the project's scripts bring it back
 * ({@code stack.sh up}), and the drill waits for every accepted run to end. It counts per round the
 * accepted and refused uploads, the completed, failed, stuck and doubled runs, and the seconds from
 * bringing the component back until the last run ended.
 *
 * <p>The stack is the drill's own ({@link DrillStack}): its own ports, state folder and private
 * PostgreSQL cluster. Run by {@code deploy/drill/faults.sh} and by the system test {@code FaultDrillTest}.
 */
public final class FaultDrill {
    /** A small study: the demo panel, one equal-weight index and one two-way fixed-effects model. */
    static final String SPEC = """
            name: fault-drill
            data: {description: "Synthetic demo panel (deploy/demo/GenerateDemoPanel.java)", synthetic: true}
            panel: {unit: province, time: year, attributes: [region]}
            indices:
              - name: DT_eq
                method: equal
                indicators:
                  - {column: optical_cable_km, direction: positive}
                  - {column: broadband_ports, direction: positive}
                  - {column: base_stations, direction: positive}
            models:
              - {id: baseline, formula: "Y ~ DT_eq + log(pgdp) + urban + gov | province + year", vcov: {cluster: province}}
            """;

    private final DrillOptions options;
    private final DrillStack stack;
    private final byte[] data;
    private final byte[] spec = SPEC.getBytes(StandardCharsets.UTF_8);
    private Api api;

    private FaultDrill(DrillOptions options, DrillStack stack, byte[] data) {
        this.options = options;
        this.stack = stack;
        this.data = data;
    }

    public static void main(String[] args) {
        DrillOptions options;
        try {
            options = DrillOptions.parse(root(), args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            DrillReport report = run(options);
            System.out.println(report.toJsonLine());
            report.problems().forEach(p -> progress("NOT MET: " + p));
            System.exit(report.passed() ? 0 : 1);
        } catch (Exception e) {
            progress("the drill could not run: " + e);
            System.exit(3);
        }
    }

    /** Starts the drill stack, runs every round, stops the stack (unless kept) and returns the figures. */
    public static DrillReport run(DrillOptions options) throws Exception {
        long t0 = System.nanoTime();
        Files.createDirectories(options.stateDir());
        byte[] data = demoPanel(options);
        progress("starting the drill stack (state " + options.stateDir() + ", " + options.replicas() + " replica(s))");
        try (DrillStack stack = new DrillStack(options)) {
            stack.reset();
            stack.up();
            FaultDrill drill = new FaultDrill(options, stack, data);
            drill.api = new Api(stack.ingestUrl(), stack.reportUrl(), stack.credentials());
            drill.warmUp();
            List<RoundResult> rounds = new ArrayList<>();
            for (Fault fault : options.faults()) {
                RoundResult r = drill.round(fault);
                progress(r.toJson().toString());
                rounds.add(r);
            }
            return new DrillReport(options.runs(), options.replicas(), rounds, DrillStack.since(t0).toMillis() / 1000.0);
        }
    }

    /** One run through the fresh stack, so the first round does not measure start-up. */
    private void warmUp() {
        Api.Answer a = api.upload("drill-panel.csv", data, "drill-spec.yaml", spec, new java.util.concurrent.atomic.AtomicInteger());
        if (!a.accepted()) {
            throw new IllegalStateException("the warm-up upload was refused: " + a.status() + " " + a.detail());
        }
        Map<String, String> end = awaitEnd(Set.of(a.runId()), System.nanoTime() + Duration.ofSeconds(300).toNanos(), new HashMap<>());
        if (!"COMPLETED".equals(end.get(a.runId()))) {
            throw new IllegalStateException("the warm-up run " + a.runId() + " did not complete: " + end.get(a.runId())
                    + "; the stack's logs are in " + stack.stateDir().resolve("services"));
        }
    }

    RoundResult round(Fault fault) throws Exception {
        progress("round " + fault.label() + ": " + options.runs() + " uploads, " + fault.component() + " down for "
                + options.down().toSeconds() + " s");
        stack.note("round " + fault.label());
        java.time.Instant roundStart = java.time.Instant.now();
        int waveA = options.runs() / 2;
        int waveB = options.runs() - waveA;
        ExecutorService pool = Executors.newFixedThreadPool(options.runs());
        java.util.concurrent.atomic.AtomicInteger throttled = new java.util.concurrent.atomic.AtomicInteger();
        try {
            CountDownLatch firstAnswers = new CountDownLatch(Math.max(1, options.runs() / 10));
            List<Future<Api.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < waveA; i++) {
                answers.add(pool.submit(() -> {
                    try {
                        return api.upload("drill-panel.csv", data, "drill-spec.yaml", spec, throttled);
                    } finally {
                        firstAnswers.countDown();
                    }
                }));
            }
            // the fault lands while uploads of the first half are still in flight and the first runs are in the pipeline
            firstAnswers.await(120, TimeUnit.SECONDS);
            long faultAt = System.nanoTime();
            stack.inject(fault);
            for (int i = 0; i < waveB; i++) {
                answers.add(pool.submit(() -> api.upload("drill-panel.csv", data, "drill-spec.yaml", spec, throttled)));
            }
            long downNanos = options.down().toNanos() - (System.nanoTime() - faultAt);
            if (downNanos > 0) {
                TimeUnit.NANOSECONDS.sleep(downNanos);
            }
            long restartAt = System.nanoTime();
            double downSeconds = (restartAt - faultAt) / 1e9;
            stack.up();
            double restartSeconds = (System.nanoTime() - restartAt) / 1e9;

            Set<String> accepted = new HashSet<>();
            Map<String, Integer> refused = new LinkedHashMap<>();
            Map<String, Integer> samples = new LinkedHashMap<>();
            int problemBodies = 0;
            for (Future<Api.Answer> f : answers) {
                Api.Answer a = get(f);
                if (a.accepted()) {
                    accepted.add(a.runId());
                } else {
                    refused.merge(a.statusLabel(), 1, Integer::sum);
                    String said = String.valueOf(a.detail())
                            .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "…");
                    if (samples.size() < 8 || samples.containsKey(a.statusLabel() + " " + said)) {
                        samples.merge(a.statusLabel() + " " + said, 1, Integer::sum);
                    }
                    if (a.problemBody()) {
                        problemBodies++;
                    }
                }
            }

            Set<String> unacknowledged = new HashSet<>();
            try (Connection c = stack.database()) {
                unacknowledged.addAll(Outputs.storedSince(c, roundStart));
            }
            unacknowledged.removeAll(accepted);

            Map<String, String> reasons = new HashMap<>();
            long deadline = System.nanoTime() + options.settle().toNanos();
            Map<String, String> status = awaitEnd(accepted, deadline, reasons);
            boolean allEnded = status.values().stream().allMatch(FaultDrill::terminal);
            Double recovery = allEnded ? (System.nanoTime() - restartAt) / 1e9 : null;

            int completed = (int) status.values().stream().filter("COMPLETED"::equals).count();
            int failed = (int) status.values().stream().filter("FAILED"::equals).count();
            int stuck = accepted.size() - completed - failed;
            Map<String, Integer> failureReasons = new LinkedHashMap<>();
            reasons.forEach((run, reason) -> {
                if ("FAILED".equals(status.get(run))) {
                    failureReasons.merge(reason, 1, Integer::sum);
                }
            });
            int doubled = doubled(accepted);
            return new RoundResult(fault, options.runs(), throttled.get(), accepted.size(), refused, problemBodies, samples,
                    unacknowledged.size(), completed, failed,
                    stuck, doubled, failureReasons, downSeconds, restartSeconds, recovery);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls the report service until every run is COMPLETED or FAILED or the deadline passes; the last status seen per run. */
    private Map<String, String> awaitEnd(Set<String> runs, long deadline, Map<String, String> reasons) {
        Map<String, String> status = new HashMap<>();
        runs.forEach(r -> status.put(r, "UNKNOWN"));
        while (true) {
            for (String run : runs) {
                if (terminal(status.get(run))) {
                    continue;
                }
                Optional<JsonNode> r = api.run(run);
                r.ifPresent(json -> {
                    status.put(run, json.path("status").asText("UNKNOWN"));
                    if (json.hasNonNull("error")) {
                        reasons.put(run, json.path("error").asText());
                    }
                });
            }
            if (status.values().stream().allMatch(FaultDrill::terminal) || System.nanoTime() > deadline) {
                return status;
            }
            sleep(1000);
        }
    }

    private int doubled(Set<String> runs) throws Exception {
        if (runs.isEmpty()) {
            return 0;
        }
        Set<String> doubled = new HashSet<>();
        Outputs.recordsPerRun(stack.bootstrapServers(), "reports-ready").forEach((run, n) -> {
            if (n > 1 && runs.contains(run)) {
                doubled.add(run);
            }
        });
        try (Connection c = stack.database()) {
            doubled.addAll(Outputs.storedTwice(c, runs));
        }
        return doubled.size();
    }

    private static boolean terminal(String status) {
        return "COMPLETED".equals(status) || "FAILED".equals(status);
    }

    private static Api.Answer get(Future<Api.Answer> f) throws InterruptedException {
        try {
            return f.get(Api.UPLOAD_TIMEOUT.toSeconds() + Api.THROTTLE_BUDGET.toSeconds() + 30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return new Api.Answer(0, null, false, String.valueOf(e.getCause()));
        } catch (java.util.concurrent.TimeoutException e) {
            return new Api.Answer(0, null, false, "no answer");
        }
    }

    /** The demo panel, written by the demo's own generator into the drill's state folder. */
    static byte[] demoPanel(DrillOptions options) throws IOException, InterruptedException {
        Path out = options.stateDir().resolve("drill-panel.csv");
        Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                options.root().resolve("deploy/demo/GenerateDemoPanel.java").toString(), out.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the demo panel generator failed: " + output);
        }
        return Files.readAllBytes(out);
    }

    static Path root() {
        String env = System.getenv("PANELFLOW_ROOT");
        if (env != null && !env.isBlank()) {
            return Paths.get(env).toAbsolutePath().normalize();
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("deploy/local/stack.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the project root: set PANELFLOW_ROOT");
    }

    static void progress(String line) {
        System.err.println("[drill] " + line);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
