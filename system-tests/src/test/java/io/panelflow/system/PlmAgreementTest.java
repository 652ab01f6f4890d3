package io.panelflow.system;

import io.panelflow.testing.TestUsers;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline's two-way fixed-effects estimates against R plm, an implementation independent of panelflow: a
 * generated panel of 60,000 rows written with exponents (the benchmark's, {@code deploy/bench/generate-panel.sh})
 * goes through the running services, and {@code deploy/bench/check-plm.R} fits the model again with plm and
 * compares coefficients and clustered standard errors (converted to fixest's small-sample convention, as the
 * script documents) to 1e-6 relative. Skipped, with the reason, where R or plm is not installed.
 */
@ExtendWith(SharedStack.class)
class PlmAgreementTest {
    @Test
    void twoWayFixedEffectsEstimatesAgreeWithPlm() throws Exception {
        String missing = ReproducibilityBundleTest.missingR("plm");
        Assumptions.assumeTrue(missing == null, () -> "the plm check not run: " + missing);
        PipelineStack stack = SharedStack.get();
        Path dir = Files.createTempDirectory("panelflow-plm");
        Path panel = dir.resolve("panel.csv");
        run(List.of("bash", stack.root.resolve("deploy/bench/generate-panel.sh").toString(), panel.toString(), "6000", "10",
                "exponent"), dir);
        String spec = String.join("\n",
                "name: plm-agreement",
                "data: {description: generated panel (deploy/bench/generate-panel.sh), synthetic: true}",
                "panel: {unit: unit, time: year}",
                "models:",
                "  - id: twfe",
                "    formula: \"y ~ x1 + x2 + x3 + x4 + x5 | unit + year\"",
                "    vcov: {cluster: unit}", "");
        String runId = Runs.submit(stack, "panel.csv", Files.readAllBytes(panel), "spec.yaml",
                spec.getBytes(StandardCharsets.UTF_8));
        Runs.await(stack, runId, "COMPLETED", Duration.ofMinutes(3));
        JsonPath results = TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/" + runId + "/results")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> coefficients = results.getList("models.find { it.id == 'twfe' }.coefficients");
        assertEquals(5, coefficients.size(), "the five slopes");
        StringBuilder ours = new StringBuilder("term,estimate,std_error\n");
        for (Map<String, Object> c : coefficients) {
            ours.append(c.get("term")).append(',').append(((Number) c.get("estimate")).doubleValue()).append(',')
                    .append(((Number) c.get("stdError")).doubleValue()).append('\n');
        }
        Path oursFile = dir.resolve("ours.csv");
        Files.writeString(oursFile, ours.toString());
        String out = run(List.of("Rscript", stack.root.resolve("deploy/bench/check-plm.R").toString(), panel.toString(),
                oursFile.toString()), dir);
        System.out.println("[plm] " + out.trim());
        assertTrue(out.contains("\"within_1e-6\": true"), out);
    }

    /** Runs a command to its end; its output, or a failure with it. */
    private static String run(List<String> command, Path dir) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out: " + command);
        assertEquals(0, p.exitValue(), command + " failed:\n" + out);
        return out;
    }
}
