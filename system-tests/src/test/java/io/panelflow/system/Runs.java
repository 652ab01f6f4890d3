package io.panelflow.system;

import io.panelflow.testing.TestUsers;
import io.restassured.path.json.JsonPath;

import java.time.Duration;

/** Starting a run on the stack (as the submitter) and waiting for its status (as the viewer). */
final class Runs {
    private Runs() {
    }

    static String submit(PipelineStack stack, String dataName, byte[] data, String specName, byte[] spec) {
        return TestUsers.submitter().baseUri(stack.ingestUrl())
                .multiPart("data", dataName, data, dataName.endsWith(".xlsx")
                        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        : dataName.endsWith(".dta") ? "application/x-stata-dta" : "text/csv")
                .multiPart("spec", specName, spec, specName.endsWith(".json") ? "application/json" : "application/yaml")
                .when().post("/api/runs")
                .then().statusCode(202).extract().path("runId");
    }

    static JsonPath await(PipelineStack stack, String runId, String status, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        JsonPath last = null;
        while (System.nanoTime() < end) {
            var r = TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/" + runId);
            if (r.statusCode() == 200) {
                last = r.jsonPath();
                if (status.equals(last.getString("status"))) {
                    return last;
                }
                if ("FAILED".equals(last.getString("status"))) {
                    throw new AssertionError("run failed: " + r.asString());
                }
            }
            ServiceProcess.sleep(300);
        }
        throw new AssertionError("run " + runId + " not " + status + " after " + timeout.toSeconds() + " s; last: "
                + (last == null ? "none" : last.prettify()));
    }
}
