package io.panelflow.system.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** The drill's HTTP client: uploads to the ingest service and run status from the report service. */
final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longer than any wait an upload may make inside the ingest service. */
    static final Duration UPLOAD_TIMEOUT = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String ingestUrl;
    private final String reportUrl;
    private final Optional<String> authorization;

    Api(String ingestUrl, String reportUrl, Optional<String[]> credentials) {
        this.ingestUrl = ingestUrl;
        this.reportUrl = reportUrl;
        this.authorization = credentials.map(c -> "Basic " + Base64.getEncoder()
                .encodeToString((c[0] + ":" + c[1]).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The answer to one upload.
     *
     * @param status      the HTTP status, or 0 when no answer came (connection refused or reset, timeout)
     * @param runId       the run id of a 202
     * @param problemBody the answer was an RFC 9457 problem body ({@code application/problem+json} with a title)
     * @param detail      what the problem body or the failure said
     */
    record Answer(int status, String runId, boolean problemBody, String detail, int retryAfterSeconds) {
        Answer(int status, String runId, boolean problemBody, String detail) {
            this(status, runId, problemBody, detail, 0);
        }

        boolean accepted() {
            return status == 202 && runId != null;
        }

        /** The status as the drill's JSON line counts refusals: the code, or "no-answer". */
        String statusLabel() {
            return status == 0 ? "no-answer" : Integer.toString(status);
        }
    }

    /** How long the drill keeps sending an upload again that was answered 429 (the service's admission limit). */
    static final Duration THROTTLE_BUDGET = Duration.ofSeconds(180);

    /**
     * One upload as a well-behaved client sends it: a {@code 429} (too many uploads at once) is sent
     * again after its {@code Retry-After}, for up to {@link #THROTTLE_BUDGET}; any other answer is final.
     * {@code throttled} counts the 429s met on the way.
     */
    Answer upload(String dataName, byte[] data, String specName, byte[] spec, java.util.concurrent.atomic.AtomicInteger throttled) {
        long end = System.nanoTime() + THROTTLE_BUDGET.toNanos();
        while (true) {
            Answer a = uploadOnce(dataName, data, specName, spec);
            if (a.status() != 429 || System.nanoTime() > end) {
                return a;
            }
            throttled.incrementAndGet();
            try {
                Thread.sleep(Math.max(1, a.retryAfterSeconds()) * 1000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return a;
            }
        }
    }

    Answer uploadOnce(String dataName, byte[] data, String specName, byte[] spec) {
        String boundary = "drill" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "data", dataName, "text/csv", data);
        part(body, boundary, "spec", specName, "application/yaml", spec);
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ingestUrl + "/api/runs"))
                .timeout(UPLOAD_TIMEOUT)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        authorization.ifPresent(a -> request.header("Authorization", a));
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = parse(r.body());
            if (r.statusCode() == 202) {
                return new Answer(202, json.path("runId").asText(null), false, null);
            }
            boolean problem = type.startsWith("application/problem+json") && json.hasNonNull("title");
            String detail = problem ? json.path("title").asText() + ": " + json.path("detail").asText("") : abbreviate(r.body());
            int retryAfter = r.headers().firstValue("Retry-After").map(v -> {
                try {
                    return Integer.parseInt(v.strip());
                } catch (NumberFormatException e) {
                    return 5;
                }
            }).orElse(5);
            return new Answer(r.statusCode(), null, problem, detail, retryAfter);
        } catch (HttpTimeoutException e) {
            return new Answer(0, null, false, "no answer within " + UPLOAD_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            return new Answer(0, null, false, String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, null, false, "interrupted");
        }
    }

    /** The run's status and failure reason ({@code GET /api/runs/{id}}), or empty while the report service does not answer. */
    Optional<JsonNode> run(String runId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(reportUrl + "/api/runs/" + runId))
                .timeout(Duration.ofSeconds(10)).header("Accept", "application/json").GET();
        authorization.ifPresent(a -> request.header("Authorization", a));
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(parse(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static void part(ByteArrayOutputStream out, String boundary, String name, String fileName, String type, byte[] content) {
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 160 ? one.substring(0, 160) + "…" : one;
    }
}
