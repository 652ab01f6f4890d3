package io.panelflow.system;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in OpenTelemetry collector for the system tests: accepts OTLP over HTTP (protobuf) on a
 * free port and keeps every export request's body, so a test can ask which services exported spans
 * of a given trace (the resource's {@code service.name} and the trace id's 16 bytes are both plain
 * in the protobuf of one request).
 */
final class OtlpSink implements AutoCloseable {
    private final HttpServer server;
    private final List<byte[]> requests = new CopyOnWriteArrayList<>();

    OtlpSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                requests.add(in.readAllBytes());
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    /** {@code http://127.0.0.1:<port>} */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** True when some export request of {@code serviceName} carries a span of the trace {@code traceIdHex}. */
    boolean exported(String serviceName, String traceIdHex) {
        byte[] name = serviceName.getBytes(StandardCharsets.UTF_8);
        byte[] trace = HexFormat.of().parseHex(traceIdHex);
        return requests.stream().anyMatch(r -> indexOf(r, name) >= 0 && indexOf(r, trace) >= 0);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
