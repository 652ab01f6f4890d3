package io.panelflow.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.panelflow.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Twenty uploads of the 31-province demo study at once against the packaged services: the ingest takes
 * {@code panelflow.upload.max-concurrent} of them at a time and answers the others {@code 429} with
 * {@code Retry-After}, the client sends those again when told (as {@code deploy/bench/pipeline.sh --concurrent}
 * does), and every run ends COMPLETED with the estimates of the same study run alone.
 */
@ExtendWith(SharedStack.class)
class ConcurrentRunsTest {
    static final int RUNS = 20;
    /** For all twenty together; on the 2-core machine they take 30–60 s. */
    static final Duration DEADLINE = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    static PipelineStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void up() {
        stack = SharedStack.get();
    }

    @Test
    void twentyDemoRunsAtOnceAllCompleteWithTheEstimatesOfTheStudyRunAlone() throws Exception {
        byte[] data = Files.readAllBytes(stack.demoPanel());
        byte[] spec = Files.readAllBytes(stack.demoSpec());
        AtomicInteger throttled = new AtomicInteger();

        Upload alone = upload(data, spec, throttled);
        awaitCompleted(List.of(CompletableFuture.completedFuture(alone)));
        JsonNode reference = results(alone.runId());

        ExecutorService clients = Executors.newFixedThreadPool(RUNS);
        long started = System.nanoTime();
        Map<String, Double> seconds;
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Upload>> uploads = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                uploads.add(clients.submit(() -> {
                    go.await();
                    return upload(data, spec, throttled);
                }));
            }
            go.countDown();
            seconds = awaitCompleted(uploads);
        } finally {
            clients.shutdownNow();
        }
        double wall = (System.nanoTime() - started) / 1e9;
        double[] sorted = seconds.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("%d demo runs at once: all COMPLETED, median %.2f s, max %.2f s, wall %.2f s, %d answers 429%n",
                RUNS, (sorted[(RUNS - 1) / 2] + sorted[RUNS / 2]) / 2, sorted[RUNS - 1], wall, throttled.get());

        assertEquals(RUNS, seconds.size(), "distinct runs");
        for (String runId : seconds.keySet()) {
            assertSameEstimates(reference, results(runId), runId);
        }
    }

    /** Every model of {@code run} has the reference's observations, terms, estimates and standard errors. */
    private static void assertSameEstimates(JsonNode reference, JsonNode run, String runId) {
        JsonNode want = reference.path("models"), got = run.path("models");
        assertTrue(want.size() > 20, "the demo study's models in the reference results: " + want.size());
        assertEquals(want.size(), got.size(), "models of run " + runId);
        for (int m = 0; m < want.size(); m++) {
            JsonNode a = want.get(m), b = got.get(m);
            String model = a.path("id").asText();
            assertEquals(model, b.path("id").asText(), "model " + m + " of run " + runId);
            assertEquals(a.path("nobs").asLong(), b.path("nobs").asLong(), model + " observations in run " + runId);
            assertEquals(a.path("coefficients").size(), b.path("coefficients").size(), model + " terms in run " + runId);
            for (int c = 0; c < a.path("coefficients").size(); c++) {
                JsonNode x = a.path("coefficients").get(c), y = b.path("coefficients").get(c);
                String term = model + " " + x.path("term").asText() + " in run " + runId;
                assertEquals(x.path("term").asText(), y.path("term").asText(), term);
                for (String field : List.of("estimate", "stdError")) {
                    double e = x.path(field).asDouble(), g = y.path(field).asDouble();
                    assertEquals(e, g, 1e-12 * Math.max(1, Math.abs(e)), field + " of " + term);
                }
            }
        }
    }

    /**
     * Uploads the demo as a client that honours the admission limit: a {@code 429} is sent again after its
     * {@code Retry-After}; any other answer than {@code 202} fails the test.
     */
    private Upload upload(byte[] data, byte[] spec, AtomicInteger throttled) throws IOException, InterruptedException {
        long started = System.nanoTime();
        long end = started + DEADLINE.toNanos();
        while (true) {
            String boundary = "runs" + UUID.randomUUID().toString().replace("-", "");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            part(body, boundary, "data", "demo-panel.csv", "text/csv", data);
            part(body, boundary, "spec", "demo-spec.yaml", "application/yaml", spec);
            body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/api/runs"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", TestUsers.SUBMITTER.authorization())
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 202) {
                return new Upload(JSON.readTree(r.body()).path("runId").asText(), started);
            }
            if (r.statusCode() != 429 || System.nanoTime() > end) {
                fail("upload answered " + r.statusCode() + ": " + r.body());
            }
            throttled.incrementAndGet();
            String retryAfter = r.headers().firstValue("Retry-After").orElse(null);
            assertTrue(retryAfter != null && retryAfter.strip().matches("\\d+"), "a 429 names its Retry-After: " + retryAfter);
            Thread.sleep(Math.max(1, Integer.parseInt(retryAfter.strip())) * 1000L);
        }
    }

    /** An accepted upload: its run, and when its first attempt was sent. */
    private record Upload(String runId, long startedNanos) {
    }

    /**
     * Polls each run, as soon as its upload is accepted, until all are COMPLETED (a FAILED one, or a failed
     * upload, fails the test at once); returns each run's seconds from its first upload attempt until its
     * COMPLETED was seen.
     */
    private Map<String, Double> awaitCompleted(List<? extends Future<Upload>> uploads) throws Exception {
        Map<String, Double> seconds = new LinkedHashMap<>();
        Map<String, String> last = new LinkedHashMap<>();
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (seconds.size() < uploads.size()) {
            for (Future<Upload> u : uploads) {
                if (!u.isDone()) {
                    continue;
                }
                Upload upload = u.get();
                if (seconds.containsKey(upload.runId())) {
                    continue;
                }
                HttpResponse<String> r = get("/api/runs/" + upload.runId());
                if (r.statusCode() != 200) {
                    continue;
                }
                last.put(upload.runId(), r.body());
                String status = JSON.readTree(r.body()).path("status").asText();
                if ("FAILED".equals(status)) {
                    fail("run " + upload.runId() + " FAILED: " + r.body());
                }
                if ("COMPLETED".equals(status)) {
                    seconds.put(upload.runId(), (System.nanoTime() - upload.startedNanos()) / 1e9);
                }
            }
            if (seconds.size() < uploads.size()) {
                if (System.nanoTime() > end) {
                    fail((uploads.size() - seconds.size()) + " of " + uploads.size() + " runs not COMPLETED after "
                            + DEADLINE.toSeconds() + " s; the last status of those accepted: " + last.entrySet().stream()
                            .filter(e -> !seconds.containsKey(e.getKey())).map(Map.Entry::getValue).toList());
                }
                ServiceProcess.sleep(250);
            }
        }
        return seconds;
    }

    private JsonNode results(String runId) throws IOException, InterruptedException {
        HttpResponse<String> r = get("/api/runs/" + runId + "/results");
        assertEquals(200, r.statusCode(), "results of run " + runId + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(stack.reportUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", TestUsers.VIEWER.authorization()).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void part(ByteArrayOutputStream out, String boundary, String name, String fileName, String type, byte[] content) {
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
}
