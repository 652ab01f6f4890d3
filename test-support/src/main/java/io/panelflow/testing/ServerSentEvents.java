package io.panelflow.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A dashboard's view of the run-change feed ({@code GET /api/runs/stream}): a plain server-sent-events
 * client that keeps every event (id, data) in arrival order. Two ways to wait: {@link #await} takes
 * the next matching event after the ones already taken, {@link #awaitUntil} waits for a condition on
 * everything received so far.
 */
public final class ServerSentEvents implements AutoCloseable {
    /** One server-sent event: its {@code id:} (-1 if none) and its {@code data:} lines joined by newlines. */
    public record Event(long id, String data) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Event> events = new ArrayList<>();
    private final CompletableFuture<HttpResponse<InputStream>> response;
    private final Thread reader;
    private volatile InputStream body;
    private volatile RuntimeException failure;
    private int taken;

    /** Subscribes as the built-in viewer; {@code lastEventId} (may be null) asks for a replay of what came after it. */
    public ServerSentEvents(String url, Long lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream")
                .header("Authorization", TestUsers.VIEWER.authorization());
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        reader = new Thread(() -> read(url), "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            // the headers may wait for the first event; give the subscription a moment either way
            response.get(2, TimeUnit.SECONDS);
        } catch (Exception notYet) {
            // proceed
        }
    }

    private void read(String url) {
        try {
            HttpResponse<InputStream> r = response.join();
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + r.statusCode());
            }
            body = r.body();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String id = null;
                StringBuilder data = new StringBuilder();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isEmpty()) {
                        if (data.length() > 0) {
                            synchronized (events) {
                                events.add(new Event(id == null ? -1 : Long.parseLong(id), data.toString()));
                            }
                        }
                        id = null;
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).stripLeading());
                    }
                }
            }
        } catch (IllegalStateException refused) {
            failure = refused;
        } catch (Exception closed) {
            // the stream ended
        }
    }

    /** Every event received so far, in arrival order. */
    public List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /**
     * The first event after the ones already taken that matches; it and every event before it count as
     * taken. Null after {@code timeout}.
     */
    public Event await(Predicate<Event> match, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        do {
            failIfRefused();
            List<Event> now = events();
            while (taken < now.size()) {
                Event e = now.get(taken++);
                if (match.test(e)) {
                    return e;
                }
            }
            pause();
        } while (System.nanoTime() < end);
        return null;
    }

    /** Waits until the events received so far satisfy {@code done}; false after {@code timeout}. */
    public boolean awaitUntil(Predicate<List<Event>> done, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            failIfRefused();
            if (done.test(events())) {
                return true;
            }
            pause();
        }
        return done.test(events());
    }

    /** True once some event reports the run itself (not merely one of its stages) COMPLETED. */
    public static boolean runCompleted(List<Event> events, String runId) {
        return events.stream().anyMatch(e -> isRunStatus(e, runId, "COMPLETED"));
    }

    /** True if the event is the run summary of {@code runId} with top-level status {@code status}. */
    public static boolean isRunStatus(Event e, String runId, String status) {
        if (!e.data().contains(runId)) {
            return false;
        }
        try {
            JsonNode summary = JSON.readTree(e.data());
            return runId.equals(summary.path("runId").asText()) && status.equals(summary.path("status").asText());
        } catch (Exception notJson) {
            return false;
        }
    }

    private void failIfRefused() {
        if (failure != null) {
            throw failure;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for server-sent events", e);
        }
    }

    @Override
    public void close() {
        response.cancel(true);
        try {
            if (body != null) {
                body.close();
            }
        } catch (Exception ignored) {
            // closing anyway
        }
        reader.interrupt();
    }
}
