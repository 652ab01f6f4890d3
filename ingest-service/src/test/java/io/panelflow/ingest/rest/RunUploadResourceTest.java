package io.panelflow.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.ingest.intake.IntakeOutboxTest;
import io.panelflow.ingest.persistence.UploadedRun;
import io.panelflow.model.Topics;
import io.panelflow.model.event.PanelCleaned;
import io.panelflow.service.EventCodec;
import io.panelflow.service.EventJson;
import io.panelflow.testing.KafkaBrokerResource;
import io.panelflow.testing.PostgresDatabaseResource;
import io.panelflow.testing.TopicClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.panelflow.testing.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /api/runs} against a real broker and database. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class RunUploadResourceTest {
    static final String SPEC = """
            name: upload-test
            panel: {unit: province, time: year, attributes: [region]}
            cleaning: {missing: linear}
            indices:
              - name: DI
                method: entropy
                indicators: [{column: ports}, {column: cable}]
            models:
              - {id: baseline, formula: "y ~ DI + log(gdp) | province + year"}
            """;

    static final String CSV = """
            province,year,region,ports,cable,gdp,y
            Anhui,2019,central,1.5,20,100,0.3
            Anhui,2020,central,,22,110,0.4
            Anhui,2021,central,1.9,25,120,0.5
            Hebei,2019,east,2.5,10,200,0.2
            Hebei,2020,east,2.7,12,210,0.25
            Hebei,2021,east,3.1,13,230,0.31
            """;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EventCodec codec;

    @Test
    void acceptsAValidUploadStoresItAndPublishesTheCleanedPanel() {
        String runId = TestUsers.submitter().multiPart("data", "panel.csv", CSV.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("spec", "spec.yaml", SPEC.getBytes(StandardCharsets.UTF_8), "application/yaml")
                .when().post("/api/runs")
                .then().statusCode(202).body("status", equalTo("ACCEPTED")).body("runId", notNullValue())
                .extract().path("runId");

        UploadedRun stored = QuarkusTransaction.requiringNew().call(() -> UploadedRun.findById(runId));
        assertEquals("panel.csv", stored.fileName);
        assertEquals(CSV, TestUsers.viewer().when().get("/api/runs/" + runId + "/upload/data").then().statusCode(200)
                .extract().asString(), "the raw upload is stored byte for byte (in chunks)");

        try (TopicClient topics = new TopicClient(bootstrap)) {
            List<ConsumerRecord<String, String>> records = topics.readKey(Topics.PANEL_CLEANED, runId, 1, Duration.ofSeconds(30));
            assertEquals(1, records.size());
            assertEquals("panelflow.panel.cleaned.v1", TopicClient.header(records.get(0), "ce_type"));
            PanelCleaned event = codec.decode(records.get(0).value(), PanelCleaned.class);
            assertEquals("upload-test", event.spec().name());
            assertEquals(6, event.panel().rows());
            assertEquals(6, event.quality().rows());
            double[] ports = event.panel().columns().stream().filter(c -> c.name().equals("ports")).findFirst()
                    .orElseThrow().numbers();
            assertEquals(1.7, ports[1], 1e-12, "the interior gap is interpolated linearly");
        }
        IntakeOutboxTest.awaitPublished(runId, Duration.ofSeconds(30));
    }

    @Test
    void aRepeatedUnitYearIsRefusedNamingBothRowsAndNothingIsStoredOrPublished() {
        long before = QuarkusTransaction.requiringNew().call(() -> UploadedRun.count());
        String bad = CSV + "Hebei,2020,east,2.8,12,215,0.26\n";
        JsonNode problem = EventJson.read(TestUsers.submitter()
                .multiPart("data", "panel.csv", bad.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("spec", "spec.yaml", SPEC.getBytes(StandardCharsets.UTF_8), "application/yaml")
                .when().post("/api/runs")
                .then().statusCode(400).contentType(containsString("application/problem+json"))
                .extract().asString(), JsonNode.class);
        assertEquals(8, problem.get("row").asInt(), problem.toString());
        assertTrue(problem.get("detail").asText().contains("6"), "names the first row of the key too: " + problem);
        long after = QuarkusTransaction.requiringNew().call(() -> UploadedRun.count());
        assertEquals(before, after, "nothing stored");
    }

    @Test
    void textInANumericColumnIsRefusedWithRowColumnAndValue() {
        String bad = CSV.replace("Hebei,2020,east,2.7,", "Hebei,2020,east,many,");
        TestUsers.submitter().multiPart("data", "panel.csv", bad.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("spec", "spec.yaml", SPEC.getBytes(StandardCharsets.UTF_8), "application/yaml")
                .when().post("/api/runs")
                .then().statusCode(400)
                .body("row", equalTo(6)).body("column", equalTo("ports")).body("value", equalTo("many"));
    }

    @Test
    void anInvalidSpecIsRefusedWithThePathAtFault() {
        String spec = SPEC.replace("method: entropy", "method: entrophy");
        TestUsers.submitter().multiPart("data", "panel.csv", CSV.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("spec", "spec.yaml", spec.getBytes(StandardCharsets.UTF_8), "application/yaml")
                .when().post("/api/runs")
                .then().statusCode(400).body("title", equalTo("Invalid study spec"))
                .body("path", containsString("indices[0].method"));
    }

    @Test
    void aFormulaNamingAnUnknownColumnIsRefused() {
        String spec = SPEC.replace("log(gdp)", "log(gdpp)");
        TestUsers.submitter().multiPart("data", "panel.csv", CSV.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("spec", "spec.yaml", spec.getBytes(StandardCharsets.UTF_8), "application/yaml")
                .when().post("/api/runs")
                .then().statusCode(400).body("column", equalTo("gdpp"));
    }

    @Test
    void aMissingPartIsRefused() {
        TestUsers.submitter().multiPart("data", "panel.csv", CSV.getBytes(StandardCharsets.UTF_8), "text/csv")
                .when().post("/api/runs")
                .then().statusCode(400).body("detail", containsString("'spec'"));
    }

    @Test
    void anAnonymousUploadGets401WithAProblemBodyAndAViewersUpload403() {
        TestUsers.anonymous().multiPart("data", "panel.csv", CSV.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("spec", "spec.yaml", SPEC.getBytes(StandardCharsets.UTF_8), "application/yaml")
                .when().post("/api/runs")
                .then().statusCode(401).contentType(containsString("problem+json"))
                .header("WWW-Authenticate", containsString("realm=\"panelflow\"")).body("title", equalTo("Unauthorized"));
        io.restassured.RestAssured.given().auth().preemptive().basic(TestUsers.SUBMITTER.name(), "wrong")
                .multiPart("data", "panel.csv", CSV.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("spec", "spec.yaml", SPEC.getBytes(StandardCharsets.UTF_8), "application/yaml")
                .when().post("/api/runs")
                .then().statusCode(401).body("detail", containsString("not accepted"));
        TestUsers.viewer().multiPart("data", "panel.csv", CSV.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("spec", "spec.yaml", SPEC.getBytes(StandardCharsets.UTF_8), "application/yaml")
                .when().post("/api/runs")
                .then().statusCode(403).contentType(containsString("problem+json")).body("title", equalTo("Forbidden"));
    }

    @Test
    void operationalEndpointsAreNotOnThePublicPort() {
        for (String path : new String[] {"/q/health", "/q/health/ready", "/q/metrics", "/q/openapi"}) {
            TestUsers.submitter().when().get(path).then().statusCode(404);
        }
    }
}
