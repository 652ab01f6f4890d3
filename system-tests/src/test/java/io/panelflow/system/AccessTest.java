package io.panelflow.system;

import io.panelflow.testing.TestUsers;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may do what, over the packaged services: every route answers 401 (with a problem body) to
 * anonymous callers and wrong passwords, 403 to a viewer's upload, 200/202 to the roles allowed;
 * health, metrics and OpenAPI are only on the management interface ({@code /q/*} is 404 on the
 * public ports).
 */
@ExtendWith(SharedStack.class)
class AccessTest {
    static PipelineStack stack;
    static String runId;

    @BeforeAll
    static void aCompletedRun() throws Exception {
        stack = SharedStack.get();
        runId = Runs.submit(stack, "demo-panel.csv", Files.readAllBytes(stack.demoPanel()), "demo-spec.yaml",
                Files.readAllBytes(stack.demoSpec()));
        Runs.await(stack, runId, "COMPLETED", Duration.ofSeconds(240));
    }

    /** Every read route of the API, by service URL. */
    static Map<String, String> readRoutes() {
        Map<String, String> routes = new LinkedHashMap<>();
        String report = stack.reportUrl(), ingest = stack.ingestUrl();
        routes.put("run list", report + "/api/runs");
        routes.put("run", report + "/api/runs/" + runId);
        routes.put("results", report + "/api/runs/" + runId + "/results");
        routes.put("indices", report + "/api/runs/" + runId + "/indices");
        routes.put("report", report + "/api/runs/" + runId + "/report?format=html");
        routes.put("bundle", report + "/api/runs/" + runId + "/bundle");
        routes.put("provenance", report + "/api/runs/" + runId + "/provenance");
        routes.put("dashboard data", report + "/api/dashboard/config");
        routes.put("raw upload (data)", ingest + "/api/runs/" + runId + "/upload/data");
        routes.put("raw upload (spec)", ingest + "/api/runs/" + runId + "/upload/spec");
        return routes;
    }

    @Test
    void everyReadRouteAnswers401ToAnonymousAndWrongPasswordsAnd200ToViewerAndSubmitter() {
        List<String> table = new ArrayList<>();
        Map<String, Supplier<RequestSpecification>> callers = new LinkedHashMap<>();
        callers.put("anonymous", TestUsers::anonymous);
        callers.put("wrong password", () -> given().auth().preemptive().basic(TestUsers.VIEWER.name(), "not-the-password"));
        callers.put("viewer", TestUsers::viewer);
        callers.put("submitter", TestUsers::submitter);
        for (var route : readRoutes().entrySet()) {
            StringBuilder row = new StringBuilder(String.format("%-18s", route.getKey()));
            for (var caller : callers.entrySet()) {
                var response = caller.getValue().get().when().get(route.getValue());
                int want = caller.getKey().equals("anonymous") || caller.getKey().equals("wrong password") ? 401 : 200;
                assertEquals(want, response.statusCode(), caller.getKey() + " on " + route.getKey() + ": " + response.asString());
                if (want == 401) {
                    response.then().contentType(containsString("application/problem+json")).body("status", equalTo(401))
                            .header("WWW-Authenticate", containsString("realm=\"panelflow\""));
                }
                row.append(String.format(" %s %d", caller.getKey(), response.statusCode()));
            }
            table.add(row.toString());
        }
        System.out.println("[access]\n" + String.join("\n", table));
    }

    @Test
    void uploadsAre401Anonymous403ForTheViewerAnd202ForTheSubmitter() throws Exception {
        byte[] data = Files.readAllBytes(stack.demoPanel());
        byte[] spec = Files.readAllBytes(stack.demoSpec());
        Map<String, Integer> want = new LinkedHashMap<>();
        want.put("anonymous", 401);
        want.put("viewer", 403);
        want.put("submitter", 202);
        for (var e : want.entrySet()) {
            RequestSpecification r = switch (e.getKey()) {
                case "anonymous" -> TestUsers.anonymous();
                case "viewer" -> TestUsers.viewer();
                default -> TestUsers.submitter();
            };
            var response = r.baseUri(stack.ingestUrl()).multiPart("data", "demo-panel.csv", data, "text/csv")
                    .multiPart("spec", "demo-spec.yaml", spec, "application/yaml").when().post("/api/runs");
            assertEquals((int) e.getValue(), response.statusCode(), e.getKey() + " upload: " + response.asString());
            if (e.getValue() != 202) {
                response.then().contentType(containsString("application/problem+json")).body("status", equalTo(e.getValue()));
            }
            System.out.println("[access] upload " + e.getKey() + " " + response.statusCode());
        }
    }

    @Test
    void theLiveStreamNeedsASignedInUser() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("anonymous", null);
        callers.put("viewer", TestUsers.VIEWER.authorization());
        callers.put("submitter", TestUsers.SUBMITTER.authorization());
        for (var e : callers.entrySet()) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.reportUrl() + "/api/runs/stream"))
                    .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(20)).GET();
            if (e.getValue() != null) {
                b.header("Authorization", e.getValue());
            }
            HttpResponse<InputStream> response = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                int want = e.getValue() == null ? 401 : 200;
                assertEquals(want, response.statusCode(), e.getKey() + " on the stream");
                if (want == 200) {
                    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
                }
            }
            System.out.println("[access] stream " + e.getKey() + " " + response.statusCode());
        }
    }

    @Test
    void theDashboardPageAndItsSignInInfoArePublic() {
        TestUsers.anonymous().when().get(stack.reportUrl() + "/").then().statusCode(200).body(containsString("id=\"sign-in\""));
        TestUsers.anonymous().when().get(stack.reportUrl() + "/api/dashboard/sign-in").then().statusCode(200)
                .body("mode", equalTo("basic"));
    }

    @Test
    void operationalEndpointsAreOnlyOnTheManagementInterface() {
        for (ServiceProcess s : stack.services.values()) {
            for (String path : List.of("/q/health", "/q/health/ready", "/q/metrics", "/q/openapi")) {
                TestUsers.anonymous().when().get(s.url() + path).then().statusCode(404);
                TestUsers.submitter().when().get(s.url() + path).then().statusCode(404);
                TestUsers.anonymous().when().get(s.managementUrl() + path).then().statusCode(200);
            }
            System.out.println("[access] " + s.name() + ": /q/* 404 on " + s.url() + ", 200 on " + s.managementUrl());
        }
    }
}
