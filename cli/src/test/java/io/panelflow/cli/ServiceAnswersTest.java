package io.panelflow.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client's reading of the services' answers (status codes, problem bodies) and its exit codes, against a
 * stand-in HTTP server; the real services are exercised by the system test {@code CommandLineClientTest}.
 */
class ServiceAnswersTest {
    @TempDir
    Path dir;

    HttpServer server;
    final Map<String, Answer> answers = new ConcurrentHashMap<>();
    /** Answers given once each, in order, before {@link #answers}. */
    final Map<String, java.util.Deque<Answer>> firstAnswers = new ConcurrentHashMap<>();
    final Map<String, String> authorizations = new ConcurrentHashMap<>();
    final Map<String, String> uploads = new ConcurrentHashMap<>();

    record Answer(int status, String contentType, byte[] body) {
        static Answer json(int status, String body) {
            return new Answer(status, status >= 400 ? "application/problem+json" : "application/json",
                    body.getBytes(StandardCharsets.UTF_8));
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestMethod() + " " + exchange.getRequestURI();
        authorizations.put(key, String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        byte[] body = exchange.getRequestBody().readAllBytes();
        uploads.put(key, new String(body, StandardCharsets.UTF_8));
        java.util.Deque<Answer> first = firstAnswers.get(key);
        Answer queued = first == null ? null : first.pollFirst();
        Answer a = queued != null ? queued : answers.getOrDefault(key, Answer.json(404, "{\"title\":\"Not found\",\"status\":404}"));
        exchange.getResponseHeaders().add("Content-Type", a.contentType());
        exchange.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
        exchange.getResponseBody().write(a.body());
        exchange.close();
    }

    Map<String, String> env() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("PANELFLOW_URL", url, "PANELFLOW_USER", "alice", "PANELFLOW_PASSWORD", "secret");
    }

    ValidateCommandTest.Outcome run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Panelflow.run(args, env, new PrintWriter(out), new PrintWriter(err));
        return new ValidateCommandTest.Outcome(code, out.toString(), err.toString());
    }

    Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void submitUploadsBothPartsWithBasicCredentialsAndPrintsTheRun() throws IOException {
        answers.put("POST /api/runs", Answer.json(202, "{\"runId\":\"r-1\",\"status\":\"ACCEPTED\"}"));
        var o = run(env(), "submit", file("panel.csv", "a,b\n1,2\n").toString(), file("spec.yaml", "name: x\n").toString());
        assertEquals(ExitCodes.OK, o.code(), o.err());
        assertEquals("run r-1 accepted", o.out().strip());
        assertEquals("Basic YWxpY2U6c2VjcmV0", authorizations.get("POST /api/runs"));
        String body = uploads.get("POST /api/runs");
        assertTrue(body.contains("name=\"data\"; filename=\"panel.csv\"\r\nContent-Type: text/csv\r\n\r\na,b\n1,2\n\r\n"), body);
        assertTrue(body.contains("name=\"spec\"; filename=\"spec.yaml\"\r\nContent-Type: application/yaml\r\n\r\nname: x\n\r\n"), body);
    }

    @Test
    void aRefusedUploadPrintsTheProblemAndExits2() throws IOException {
        answers.put("POST /api/runs", Answer.json(400, "{\"title\":\"Missing column\",\"status\":400,"
                + "\"detail\":\"the spec uses column 'z', which the data does not have\",\"column\":\"z\"}"));
        var o = run(env(), "submit", file("panel.csv", "a\n").toString(), file("spec.yaml", "name: x\n").toString());
        assertEquals(ExitCodes.INVALID, o.code());
        assertEquals("panelflow: Missing column: the spec uses column 'z', which the data does not have", o.err().strip());
    }

    @Test
    void refusedCredentialsExit3() throws IOException {
        answers.put("GET /api/runs/r-1", Answer.json(401, "{\"title\":\"Unauthorized\",\"status\":401}"));
        var o = run(env(), "status", "r-1");
        assertEquals(ExitCodes.UNAVAILABLE, o.code());
        assertTrue(o.err().contains("did not accept the credentials (401)"), o.err());
    }

    @Test
    void anUnreachableServiceExits3WithASentence() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        var o = run(Map.of("PANELFLOW_REPORT_URL", "http://127.0.0.1:" + port, "PANELFLOW_USER", "a",
                "PANELFLOW_PASSWORD", "b"), "status", "r-1");
        assertEquals(ExitCodes.UNAVAILABLE, o.code());
        assertTrue(o.err().startsWith("panelflow: cannot reach the report service at http://127.0.0.1:" + port), o.err());
        assertTrue(o.err().strip().lines().count() == 1 && !o.err().contains("Exception"), o.err());
    }

    @Test
    void statusOfAFailedRunExits1AndAnUnknownRunExits2() {
        answers.put("GET /api/runs/r-2", Answer.json(200, "{\"runId\":\"r-2\",\"name\":\"s\",\"status\":\"FAILED\","
                + "\"stages\":[{\"stage\":\"INGEST\",\"status\":\"COMPLETED\"},{\"stage\":\"INDEX\",\"status\":\"FAILED\","
                + "\"reason\":\"indicator x is constant\"}],\"error\":\"indicator x is constant\",\"formats\":[]}"));
        var failed = run(env(), "status", "r-2");
        assertEquals(ExitCodes.RUN_FAILED, failed.code());
        assertTrue(failed.out().startsWith("run r-2 (s): FAILED"), failed.out());
        assertTrue(failed.out().contains("index       FAILED"), failed.out());
        var json = run(env(), "status", "r-2", "--json");
        assertEquals(ExitCodes.RUN_FAILED, json.code());
        assertTrue(json.out().contains("\"error\" : \"indicator x is constant\""), json.out());
        var unknown = run(env(), "status", "r-3");
        assertEquals(ExitCodes.INVALID, unknown.code());
        assertEquals("panelflow: there is no run r-3 (the report service does not know it)", unknown.err().strip());
    }

    @Test
    void submitWaitPrintsALinePerStageChangeAndDownloadsEverything() throws IOException {
        answers.put("POST /api/runs", Answer.json(202, "{\"runId\":\"r-4\",\"status\":\"ACCEPTED\"}"));
        answers.put("GET /api/runs/r-4", Answer.json(200, "{\"runId\":\"r-4\",\"status\":\"COMPLETED\",\"stages\":["
                + "{\"stage\":\"INGEST\",\"status\":\"COMPLETED\"},{\"stage\":\"INDEX\",\"status\":\"COMPLETED\"},"
                + "{\"stage\":\"ESTIMATION\",\"status\":\"COMPLETED\"},{\"stage\":\"REPORT\",\"status\":\"COMPLETED\"}],"
                + "\"formats\":[\"html\",\"docx\"]}"));
        byte[] docx = {'P', 'K', 3, 4, 0, 1, 2};
        answers.put("GET /api/runs/r-4/report?format=html", new Answer(200, "text/html", "<p>r</p>".getBytes(StandardCharsets.UTF_8)));
        answers.put("GET /api/runs/r-4/report?format=docx", new Answer(200, "application/octet-stream", docx));
        answers.put("GET /api/runs/r-4/bundle", new Answer(200, "application/zip", new byte[] {'P', 'K'}));
        Path out = dir.resolve("out");
        var o = run(env(), "submit", file("panel.csv", "a\n").toString(), file("spec.yaml", "name: x\n").toString(),
                "--wait", "--out", out.toString());
        assertEquals(ExitCodes.OK, o.code(), o.err());
        var lines = o.out().strip().lines().toList();
        assertEquals("run r-4 accepted", lines.get(0));
        assertEquals("ingest      COMPLETED", lines.get(1));
        assertEquals("report      COMPLETED", lines.get(4));
        assertEquals("run r-4 COMPLETED", lines.get(5));
        assertArrayEquals(docx, Files.readAllBytes(out.resolve("panelflow-r-4.docx")));
        assertEquals("<p>r</p>", Files.readString(out.resolve("panelflow-r-4.html")));
        assertTrue(Files.exists(out.resolve("panelflow-r-4-bundle.zip")));
    }

    @Test
    void waitingRidesOutAReportServiceThatIsBrieflyUnavailable() throws IOException {
        answers.put("POST /api/runs", Answer.json(202, "{\"runId\":\"r-8\",\"status\":\"ACCEPTED\"}"));
        firstAnswers.put("GET /api/runs/r-8", new java.util.ArrayDeque<>(List.of(
                Answer.json(404, "{\"title\":\"Not found\",\"status\":404}"),
                Answer.json(503, "{\"title\":\"Database unavailable\",\"status\":503}"),
                Answer.json(503, "{\"title\":\"Database unavailable\",\"status\":503}"),
                Answer.json(200, "{\"runId\":\"r-8\",\"status\":\"RUNNING\",\"stages\":[{\"stage\":\"INGEST\",\"status\":\"COMPLETED\"}]}"))));
        answers.put("GET /api/runs/r-8", Answer.json(200, "{\"runId\":\"r-8\",\"status\":\"FAILED\",\"stages\":["
                + "{\"stage\":\"INGEST\",\"status\":\"COMPLETED\"},{\"stage\":\"INDEX\",\"status\":\"FAILED\","
                + "\"reason\":\"indicator x is constant\"}],\"error\":\"index: indicator x is constant\"}"));
        var o = run(env(), "submit", file("panel.csv", "a\n").toString(), file("spec.yaml", "name: x\n").toString(),
                "--wait", "--poll", "PT0.05S");
        assertEquals(ExitCodes.RUN_FAILED, o.code(), o.toString());
        assertEquals(List.of("run r-8 accepted", "ingest      COMPLETED", "index       FAILED — indicator x is constant"),
                o.out().strip().lines().toList());
        List<String> err = o.err().strip().lines().toList();
        assertEquals(2, err.size(), o.err());
        assertTrue(err.get(0).startsWith("panelflow: the report service answered 503: Database unavailable"), err.get(0));
        assertTrue(err.get(0).endsWith("; still waiting"), err.get(0));
        assertEquals("panelflow: run r-8 failed: index: indicator x is constant", err.get(1));
    }

    @Test
    void fetchOfAFailedRunExits1WithTheReason() {
        answers.put("GET /api/runs/r-5/report?format=docx", Answer.json(409, "{\"title\":\"Run failed\",\"status\":409,"
                + "\"detail\":\"run r-5 failed: indicator x is constant\"}"));
        var o = run(env(), "fetch", "r-5", "--format", "docx", "--out", dir.toString());
        assertEquals(ExitCodes.RUN_FAILED, o.code());
        assertEquals("panelflow: Run failed: run r-5 failed: indicator x is constant", o.err().strip());
    }

    @Test
    void fetchAcceptsFormatNamesAndRefusesUnknownOnes() {
        answers.put("GET /api/runs/r-6/report?format=tex", new Answer(200, "text/plain", "\\begin".getBytes(StandardCharsets.UTF_8)));
        answers.put("GET /api/runs/r-6/report?format=md", new Answer(200, "text/markdown", "# r".getBytes(StandardCharsets.UTF_8)));
        var o = run(env(), "fetch", "r-6", "--format", "latex,markdown", "--out", dir.toString());
        assertEquals(ExitCodes.OK, o.code(), o.err());
        assertTrue(Files.exists(dir.resolve("panelflow-r-6.tex")) && Files.exists(dir.resolve("panelflow-r-6.md")));
        var bad = run(env(), "fetch", "r-6", "--format", "pdf");
        assertEquals(ExitCodes.INVALID, bad.code());
        assertTrue(bad.err().contains("unknown format 'pdf'"), bad.err());
    }

    @Test
    void withoutCredentialsTheUserIsToldWhichVariablesToSet() {
        var o = run(Map.of(), "status", "r-1");
        assertEquals(ExitCodes.INVALID, o.code());
        assertTrue(o.err().contains("set PANELFLOW_USER and PANELFLOW_PASSWORD"), o.err());
    }

    @Test
    void aBearerTokenWinsOverBasicCredentials() {
        answers.put("GET /api/runs/r-7", Answer.json(200, "{\"runId\":\"r-7\",\"status\":\"RUNNING\",\"stages\":[]}"));
        var env = new java.util.HashMap<>(env());
        env.put("PANELFLOW_TOKEN", "tok");
        var o = run(env, "status", "r-7");
        assertEquals(ExitCodes.OK, o.code(), o.err());
        assertEquals("Bearer tok", authorizations.get("GET /api/runs/r-7"));
    }

}
