package io.panelflow.report.assembly;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Reads a run's upload as it was received from the ingest service
 * ({@code GET {panelflow.ingest.url}/api/runs/{runId}/upload/data|spec}), for the reproducibility bundle,
 * with the caller's own credentials (its {@code Authorization} header, Basic or Bearer, passed on).
 */
@ApplicationScoped
public class IngestUploads {
    @ConfigProperty(name = "panelflow.ingest.url")
    String ingestUrl;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** The data file (spooled to a file, with its original name) and the spec (text and a file name fitting its syntax). */
    public record Upload(String dataFileName, SpooledFile data, String specFileName, String specText) {
    }

    /** The upload could not be read from the ingest service: unknown there, or the service is unreachable. */
    public static final class UploadUnavailable extends RuntimeException {
        public UploadUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The upload of a run, read with {@code authorization} (the caller's header value; null: none); the data file is
     * streamed from the ingest service's answer straight into a file of {@code spool}, never held in memory.
     */
    public Upload fetch(String runId, String authorization, BundleSpool spool) {
        HttpResponse<InputStream> data = get(runId, "data", authorization);
        SpooledFile dataFile;
        try (InputStream body = data.body()) {
            dataFile = spool.copy(body);
        } catch (IOException e) {
            throw new UploadUnavailable("the data of run '" + runId + "' could not be read from the ingest service: "
                    + e.getMessage(), e);
        }
        HttpResponse<InputStream> spec = get(runId, "spec", authorization);
        String specText;
        try (InputStream body = spec.body()) {
            specText = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UploadUnavailable("the spec of run '" + runId + "' could not be read from the ingest service: "
                    + e.getMessage(), e);
        }
        String dataName = fileName(data.headers().firstValue("Content-Disposition").orElse(null), "data");
        String specName = fileName(spec.headers().firstValue("Content-Disposition").orElse(null), "spec.yaml");
        return new Upload(dataName, dataFile, specName, specText);
    }

    private HttpResponse<InputStream> get(String runId, String part, String authorization) {
        String base = ingestUrl.endsWith("/") ? ingestUrl.substring(0, ingestUrl.length() - 1) : ingestUrl;
        URI uri = URI.create(base + "/api/runs/" + URLEncoder.encode(runId, StandardCharsets.UTF_8).replace("+", "%20")
                + "/upload/" + part);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
        if (authorization != null && !authorization.isBlank()) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UploadUnavailable("the ingest service at " + base + " could not be reached for the " + part
                    + " of run '" + runId + "': " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UploadUnavailable("interrupted while reading the " + part + " of run '" + runId + "'", e);
        }
        if (response.statusCode() != 200) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(300), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw new UploadUnavailable("the ingest service answered " + response.statusCode() + " for the " + part
                    + " of run '" + runId + "': " + body, null);
        }
        return response;
    }

    /**
     * The file name of a {@code Content-Disposition} header: {@code filename*=UTF-8''...} first, then
     * {@code filename="..."}; reduced to a safe last path segment.
     */
    static String fileName(String disposition, String fallback) {
        String name = null;
        if (disposition != null) {
            for (String param : disposition.split(";")) {
                String p = param.strip();
                String lower = p.toLowerCase(Locale.ROOT);
                if (lower.startsWith("filename*=")) {
                    String v = p.substring("filename*=".length());
                    int quote = v.indexOf("''");
                    if (quote >= 0 && v.substring(0, quote).equalsIgnoreCase("UTF-8")) {
                        name = URLDecoder.decode(v.substring(quote + 2).replace("+", "%2B"), StandardCharsets.UTF_8);
                        break;
                    }
                } else if (lower.startsWith("filename=") && name == null) {
                    String v = p.substring("filename=".length());
                    name = v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
                }
            }
        }
        return safeName(name, fallback);
    }

    /** The last path segment, without control characters; the fallback for nothing, "." or "..". */
    static String safeName(String name, String fallback) {
        if (name == null) {
            return fallback;
        }
        String n = name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
        return n.isEmpty() || n.equals(".") || n.equals("..") ? fallback : n;
    }
}
