package io.panelflow.system;

import io.panelflow.testing.TestUsers;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A dashboard's view of a report replica's live feed: every server-sent event (id, data) received. */
final class ServerSentEvents implements AutoCloseable {
    record Event(long id, String data) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<InputStream>> response;
    private final Thread reader;
    private volatile InputStream body;

    ServerSentEvents(String url, Long lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream")
                .header("Authorization", TestUsers.VIEWER.authorization());
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            response.get(2, TimeUnit.SECONDS); // headers may wait for the first event
        } catch (Exception notYet) {
            // proceed
        }
    }

    private void read() {
        try {
            body = response.join().body();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String id = null;
                StringBuilder data = new StringBuilder();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isEmpty()) {
                        if (data.length() > 0) {
                            events.add(new Event(id == null ? -1 : Long.parseLong(id), data.toString()));
                        }
                        id = null;
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).stripLeading());
                    }
                }
            }
        } catch (Exception closed) {
            // the stream ended
        }
    }

    List<Event> events() {
        return List.copyOf(events);
    }

    /** Waits until the events received so far satisfy {@code done}; false after {@code timeout}. */
    boolean awaitUntil(Predicate<List<Event>> done, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (done.test(events())) {
                return true;
            }
            ServiceProcess.sleep(200);
        }
        return done.test(events());
    }

    static boolean completed(List<Event> events, String runId) {
        return events.stream().anyMatch(e -> e.data().contains("\"runId\":\"" + runId + "\"")
                && e.data().contains("\"status\":\"COMPLETED\""));
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
