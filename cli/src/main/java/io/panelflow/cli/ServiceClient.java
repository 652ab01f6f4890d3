package io.panelflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/**
 * The calls the command makes, over the services' public API (README, "API"): {@code POST /api/runs} on the
 * ingest service, {@code GET /api/runs/{id}}, {@code /report?format=} and {@code /bundle} on the report service.
 * Every answer that is not a success becomes a {@link CliFailure} with a sentence and an exit code.
 */
public final class ServiceClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final Connection connection;
    private final HttpClient http;

    public ServiceClient(Connection connection) {
        this.connection = connection;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Uploads data and spec; answers the new run's id. */
    public String submit(Path data, Path spec) {
        String boundary = "panelflow-" + UUID.randomUUID();
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.concat(
                    text(partHeader(boundary, "data", data, contentType(data))),
                    HttpRequest.BodyPublishers.ofFile(data),
                    text("\r\n" + partHeader(boundary, "spec", spec, contentType(spec))),
                    HttpRequest.BodyPublishers.ofFile(spec),
                    text("\r\n--" + boundary + "--\r\n"));
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.INVALID, "cannot read " + e.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(connection.ingest().resolve("/api/runs"))
                .header("Authorization", connection.requireAuthorization())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json")
                .POST(body).build();
        HttpResponse<byte[]> response = send(request, HttpResponse.BodyHandlers.ofByteArray(), "ingest");
        if (response.statusCode() != 202 && response.statusCode() != 200) {
            throw failure("ingest", response.statusCode(), response.body(), null);
        }
        JsonNode answer = json(response.body());
        if (answer == null || !answer.hasNonNull("runId")) {
            throw new CliFailure(ExitCodes.UNAVAILABLE, "the ingest service at " + connection.ingest()
                    + " accepted the upload but did not name the run");
        }
        return answer.get("runId").asText();
    }

    /** The run as {@code GET /api/runs/{runId}} shows it. */
    public JsonNode run(String runId) {
        HttpRequest request = get("/api/runs/" + encode(runId)).header("Accept", "application/json").build();
        HttpResponse<byte[]> response = send(request, HttpResponse.BodyHandlers.ofByteArray(), "report");
        if (response.statusCode() != 200) {
            throw failure("report", response.statusCode(), response.body(), runId);
        }
        JsonNode run = json(response.body());
        if (run == null) {
            throw new CliFailure(ExitCodes.UNAVAILABLE, "the report service answered something that is not a run");
        }
        return run;
    }

    /** Downloads a report document ({@code extension} html, md, tex, docx, csv, json) or, for null, the bundle. */
    public Path download(String runId, String extension, Path directory) {
        boolean bundle = extension == null;
        String path = "/api/runs/" + encode(runId) + (bundle ? "/bundle" : "/report?format=" + encode(extension));
        Path target = directory.resolve("panelflow-" + runId + (bundle ? "-bundle.zip" : "." + extension));
        HttpResponse<InputStream> response = send(get(path).build(), HttpResponse.BodyHandlers.ofInputStream(), "report");
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw failure("report", response.statusCode(), in.readAllBytes(), runId);
            }
            Files.createDirectories(directory);
            Path partial = directory.resolve(target.getFileName() + ".part");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.UNAVAILABLE, "the download of " + target.getFileName()
                    + " was interrupted: " + describe(e));
        }
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(connection.report().resolve(path)).timeout(READ_TIMEOUT)
                .header("Authorization", connection.requireAuthorization()).GET();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, String service) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            URI base = service.equals("ingest") ? connection.ingest() : connection.report();
            throw new CliFailure(ExitCodes.UNAVAILABLE, "cannot reach the " + service + " service at " + base + " ("
                    + describe(e) + "); is the stack running? (set PANELFLOW_" + service.toUpperCase(Locale.ROOT)
                    + "_URL to its address)", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.UNAVAILABLE, "interrupted");
        }
    }

    /** The failure for a non-success answer: the problem body's own words where there is one. */
    static CliFailure failure(String service, int status, byte[] body, String runId) {
        JsonNode problem = json(body);
        String line = ProblemText.of(problem);
        String title = problem != null && problem.hasNonNull("title") ? problem.get("title").asText() : "";
        return switch (status) {
            case 400, 413 -> new CliFailure(ExitCodes.INVALID, line != null ? line : "the " + service
                    + " service refused the request (" + status + ")");
            case 401 -> new CliFailure(ExitCodes.UNAVAILABLE, "the " + service + " service did not accept the credentials"
                    + " (401): check PANELFLOW_USER and PANELFLOW_PASSWORD (or PANELFLOW_TOKEN)");
            case 403 -> new CliFailure(ExitCodes.UNAVAILABLE, "the user may not do this (403)"
                    + (service.equals("ingest") ? ": uploads need a user with the submitter role" : ""));
            case 404 -> new CliFailure(ExitCodes.INVALID, runId != null ? "there is no run " + runId
                    + " (the report service does not know it)" : "not found (404)" + (line != null ? ": " + line : ""));
            case 409 -> title.equalsIgnoreCase("Run failed")
                    ? new CliFailure(ExitCodes.RUN_FAILED, line)
                    : new CliFailure(ExitCodes.UNAVAILABLE, (line != null ? line : "not ready") + "; try again when the run has completed");
            default -> new CliFailure(ExitCodes.UNAVAILABLE, "the " + service + " service answered " + status
                    + (line != null ? ": " + line : "") + (status == 429 || status == 503 ? "; try again later" : ""),
                    status == 429 || status >= 500);
        };
    }

    static JsonNode json(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String describe(IOException e) {
        if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException) {
            return e.getMessage() == null || e.getMessage().isBlank() ? "connection refused" : "connection failed: "
                    + e.getMessage().toLowerCase(Locale.ROOT);
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String partHeader(String boundary, String name, Path file, String contentType) {
        String fileName = file.getFileName().toString().replace("\"", "_").replace("\r", "_").replace("\n", "_");
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n";
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".xlsx")) {
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        }
        if (name.endsWith(".dta")) {
            return "application/x-stata-dta";
        }
        if (name.endsWith(".csv")) {
            return "text/csv";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return "application/yaml";
        }
        return "application/octet-stream";
    }

    private static HttpRequest.BodyPublisher text(String s) {
        return HttpRequest.BodyPublishers.ofByteArray(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
