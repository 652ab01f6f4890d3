package io.panelflow.ingest.rest;

import io.panelflow.testing.TestUsers;
import io.panelflow.ingest.persistence.UploadedRun;
import io.panelflow.testing.KafkaBrokerResource;
import io.panelflow.testing.PostgresDatabaseResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Cost limits and "did you mean" answered at upload, in well under a second, naming field, value and limit. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class SpecLimitsResourceTest {
    private static final String SPEC = RunUploadResourceTest.SPEC;
    private static final String CSV = RunUploadResourceTest.CSV;

    private static ValidatableResponse post(String spec) {
        return TestUsers.submitter().multiPart("data", "panel.csv", CSV.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("spec", "spec.yaml", spec.getBytes(StandardCharsets.UTF_8), "application/yaml")
                .when().post("/api/runs")
                .then().time(lessThan(10000L)).contentType(containsString("application/problem+json"));
    }

    @Test
    void aWildBootstrapOfTwoBillionDrawsIsRefusedAndNothingIsStored() {
        long before = QuarkusTransaction.requiringNew().call(() -> UploadedRun.count());
        String spec = SPEC.replace("{id: baseline, formula: \"y ~ DI + log(gdp) | province + year\"}",
                "{id: baseline, formula: \"y ~ DI + log(gdp) | province + year\", wild-bootstrap: {draws: 2000000000}}");
        post(spec).statusCode(400)
                .body("title", equalTo("Spec over a limit"))
                .body("detail", equalTo("models[0].wild-bootstrap.draws is 2000000000; the limit is 100000"
                        + " (panelflow.limits.wild-bootstrap-draws)"))
                .body("path", equalTo("$.models[0].wild-bootstrap.draws"))
                .body("value", equalTo("2000000000"));
        assertEquals(before, (long) QuarkusTransaction.requiringNew().call(() -> UploadedRun.count()), "nothing stored");
    }

    @Test
    void aThresholdBootstrapOfOneBillionIsRefused() {
        post(SPEC + "threshold: [{id: t, outcome: y, threshold: \"log(gdp)\", regime: DI, bootstrap: 1000000000}]\n")
                .statusCode(400)
                .body("detail", equalTo("threshold[0].bootstrap is 1000000000; the limit is 10000"
                        + " (panelflow.limits.threshold-bootstrap)"));
    }

    @Test
    void aMediationBootstrapOverTheConfiguredLimitIsRefused() {
        post(SPEC + "mechanisms: [{mediator: gdp, bootstrap: 2000000000}]\n")
                .statusCode(400)
                .body("detail", equalTo("mechanisms[0].bootstrap is 2000000000; the limit is 100000"
                        + " (panelflow.limits.bootstrap-draws)"));
    }

    @Test
    void aMisspelledMethodIsQuotedWithTheNearestOne() {
        post(SPEC.replace("method: entropy", "method: entropy-topsys"))
                .statusCode(400)
                .body("title", equalTo("Invalid study spec"))
                .body("path", equalTo("$.indices[0].method"))
                .body("detail", startsWith("'entropy-topsys' is not a method; did you mean 'entropy-topsis'?"));
    }

    @Test
    void aMisspelledColumnInAFormulaIsAnsweredWithTheNearestColumnOfTheUpload() {
        post(SPEC.replace("log(gdp)", "log(gdpp)"))
                .statusCode(400)
                .body("column", equalTo("gdpp"))
                .body("detail", containsString("uses column 'gdpp', which is not in the file; did you mean 'gdp'?"));
    }

    @Test
    void aMisspelledPanelColumnIsAnsweredWithTheNearestColumn() {
        post(SPEC.replace("unit: province", "unit: provnce"))
                .statusCode(400)
                .body("detail", containsString("did you mean 'province'?"));
    }

    @Test
    void aBrokenWorkbookIsDescribedWithoutJavaNames() {
        byte[] notAZip = "PK\u0003\u0004 this is no workbook".getBytes(StandardCharsets.ISO_8859_1);
        TestUsers.submitter().multiPart("data", "panel.xlsx", notAZip, "application/octet-stream")
                .multiPart("spec", "spec.yaml", SPEC.getBytes(StandardCharsets.UTF_8), "application/yaml")
                .when().post("/api/runs")
                .then().statusCode(400)
                .body("detail", not(containsString("Exception")))
                .body("detail", containsString("save it again"));
    }
}
