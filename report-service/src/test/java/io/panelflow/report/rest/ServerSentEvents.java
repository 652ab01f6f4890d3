package io.panelflow.report.rest;

import io.panelflow.testing.TestUsers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A plain server-sent-events client for tests: each event's id and data, in arrival order. */
final class ServerSentEvents implements AutoCloseable {
    record Event(long id, String data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile java.io.InputStream body;
    private volatile RuntimeException failure;
    private final java.util.concurrent.CompletableFuture<HttpResponse<java.io.InputStream>> response;

    ServerSentEvents(String url, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream")
                .header("Authorization", TestUsers.VIEWER.authorization());
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        response = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        reader = new Thread(() -> {
            try {
                HttpResponse<java.io.InputStream> r = response.join();
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(url + " answered " + r.statusCode());
                }
                body = r.body();
                read();
            } catch (RuntimeException e) {
                failure = e;
            }
        }, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            // the headers may wait for the first event; give the subscription a moment either way
            response.get(2, TimeUnit.SECONDS);
        } catch (Exception notYet) {
            // proceed
        }
    }

    private void read() {
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
                    data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).stripLeading());
                }
            }
        } catch (Exception closed) {
            // stream closed
        }
    }

    /** The first event (from the ones not taken yet) that matches, or null after {@code timeout}. */
    Event await(Predicate<Event> match, Duration timeout) throws InterruptedException {
        if (failure != null) {
            throw failure;
        }
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Event e = events.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e != null && match.test(e)) {
                return e;
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            if (body != null) {
                body.close();
            }
        } catch (Exception ignored) {
            // closing anyway
        }
        response.cancel(true);
        reader.interrupt();
    }
}
