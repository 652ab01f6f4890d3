package io.panelflow.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.panelflow.testing.TestUsers;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/runs/{runId}/bundle} on the running stack: the demo run's bundle holds the upload
 * as received, and uploading its data and spec again gives the same results.
 */
@ExtendWith(SharedStack.class)
class ReproducibilityBundleTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theDemoRunsBundleUploadedAgainGivesIdenticalResults() throws Exception {
        PipelineStack stack = SharedStack.get();
        byte[] demo = Files.readAllBytes(stack.demoPanel());
        byte[] spec = Files.readAllBytes(stack.demoSpec());
        String first = Runs.submit(stack, "demo-panel.csv", demo, "demo-spec.yaml", spec);
        Runs.await(stack, first, "COMPLETED", Duration.ofSeconds(180));

        var response = TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/" + first + "/bundle")
                .then().statusCode(200).contentType(containsString("application/zip"))
                .header("Content-Disposition", containsString("panelflow-" + first + "-bundle.zip")).extract();
        Map<String, byte[]> bundle = unzip(response.asByteArray());
        Files.write(stack.logDir.resolve("demo-bundle.zip"), response.asByteArray());

        byte[] data = bundle.get("data/demo-panel.csv");
        assertNotNull(data, "the data file under its original name: " + bundle.keySet());
        assertArrayEquals(demo, data, "the uploaded bytes");
        assertArrayEquals(spec, bundle.get("spec/spec.yaml"), "the spec as uploaded");
        for (String f : List.of("html", "md", "tex", "docx", "csv", "json")) {
            assertTrue(bundle.containsKey("report/panelflow-" + first + "." + f), "the " + f + " document: " + bundle.keySet());
        }
        String readme = new String(bundle.get("README.txt"), StandardCharsets.UTF_8);
        assertTrue(readme.contains("/api/runs") && readme.contains("data=@data/demo-panel.csv"), readme);

        // the data's SHA-256 is the one the pipeline recorded
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        JsonPath provenance = TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/" + first + "/provenance")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(sha, provenance.getString("sha256"));
        assertEquals(sha, JSON.readTree(bundle.get("provenance.json")).get("sha256").asText());
        assertTrue(new String(bundle.get("SHA256SUMS"), StandardCharsets.UTF_8).contains(sha + "  data/demo-panel.csv"));

        // the bundle's results and indices are what the API serves
        JsonNode results = JSON.readTree(bundle.get("results.json"));
        assertEquals(JSON.readTree(TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/" + first + "/results").asString()), results);
        assertTrue(JSON.readTree(bundle.get("indices.json")).get("indices").size() > 0);

        // uploaded again, the bundle's data and spec give the same results
        String second = Runs.submit(stack, "demo-panel.csv", data, "spec.yaml", bundle.get("spec/spec.yaml"));
        Runs.await(stack, second, "COMPLETED", Duration.ofSeconds(180));
        JsonNode again = JSON.readTree(TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/" + second + "/results")
                .then().statusCode(200).extract().asString());
        assertEquals(first, results.get("runId").asText());
        assertEquals(second, again.get("runId").asText());
        assertEquals(withoutRunIds(results), withoutRunIds(again), "identical results apart from the run ids");
        assertTrue(results.get("models").size() > 5);

        // the estimation panel and the replication scripts, made from the run's own results
        demoBundle = bundle;
        String panel = new String(bundle.get("estimation-panel.csv"), StandardCharsets.UTF_8);
        List<String> header = List.of(panel.lines().findFirst().orElseThrow().split(","));
        assertTrue(header.containsAll(List.of("province", "year", "Y", "DT_eq", "DT", "DT_topsis", "DT_pca", "DT_critic",
                "RBPSEI", "ps_total")), "cleaned, derived and index columns: " + header);
        assertEquals(310, panel.lines().count() - 1, "31 provinces x 10 years");
        String r = new String(bundle.get("replicate.R"), StandardCharsets.UTF_8);
        String stata = new String(bundle.get("replicate.do"), StandardCharsets.UTF_8);
        for (String id : replicableIds(results)) {
            assertTrue(r.contains("pf_try(\"" + id + "\""), id + " in replicate.R");
            assertTrue(stata.contains("* " + id + ":") || stata.contains("* " + id + "\n"), id + " in replicate.do");
            assertTrue(!stata.contains("* " + id + ": not translated"), id + " translated in replicate.do");
        }
        assertTrue(r.contains("threshold/development: ") && r.contains("dml/dml-lasso: "), "the others listed with a reason");
    }

    /** The demo run's bundle, once the first test has made it. */
    static Map<String, byte[]> demoBundle;

    /** Every fixed-effects result (all but threshold, DML and random effects). */
    static List<String> replicableIds(JsonNode results) {
        List<String> ids = new java.util.ArrayList<>();
        results.get("models").forEach(m -> {
            String id = m.get("id").asText();
            if (!id.startsWith("threshold/") && !id.startsWith("dml/") && !id.endsWith("/re")) {
                ids.add(id);
            }
        });
        return ids;
    }

    /**
     * replicate.R re-estimates every fixed-effects model of the demo run with fixest (and did), and each
     * coefficient and standard error equals panelflow's to 1e-6 (relative, absolute below 1). Runs where
     * Rscript with fixest is installed; skipped with the reason elsewhere.
     */
    @Test
    void theDemoBundlesRScriptReproducesEveryFixedEffectsModel() throws Exception {
        String missing = missingR("fixest", "did");
        Assumptions.assumeTrue(missing == null, () -> "replicate.R not run: " + missing);
        Map<String, byte[]> bundle = bundleOfTheDemo();
        Replicated r = runScript(bundle, null);
        List<String> failures = compare(JSON.readTree(bundle.get("results.json")), r.rows, true, true);
        assertTrue(failures.isEmpty(), failures.size() + " of the coefficients differ:\n" + String.join("\n", failures) + "\n" + r.log);
    }

    /**
     * Where R is installed but fixest is not: replicate.R run with a minimal base-R stand-in for {@code feols}
     * (point estimates only, test resource replication/feols-point-estimates.R) gives every estimate of every
     * OLS/IV fixed-effects result but Sun-Abraham's and Callaway-Sant'Anna's to 1e-6, which checks the rows, lags,
     * shift-share instrument, subsamples, DID columns and dummies the script builds; skipped without R.
     */
    @Test
    void theDemoBundlesRScriptSelectsPanelflowsRowsAndVariables() throws Exception {
        String missing = missingR();
        Assumptions.assumeTrue(missing == null, () -> "replicate.R not run: " + missing);
        Map<String, byte[]> bundle = bundleOfTheDemo();
        byte[] standIn;
        try (var in = ReproducibilityBundleTest.class.getResourceAsStream("/replication/feols-point-estimates.R")) {
            standIn = in.readAllBytes();
        }
        Replicated r = runScript(bundle, standIn);
        JsonNode results = JSON.readTree(bundle.get("results.json"));
        List<String> failures = compare(results, r.rows, false, false);
        assertTrue(failures.isEmpty(), failures.size() + " estimates differ:\n" + String.join("\n", failures) + "\n" + r.log);
        long models = r.rows.keySet().stream().map(k -> k.substring(0, k.indexOf(" | "))).distinct().count();
        assertEquals(replicableIds(results).size() - 2, models, "every fixed-effects model but Sun-Abraham and Callaway-Sant'Anna: "
                + r.rows.keySet() + "\n" + r.log);
    }

    private static Map<String, byte[]> bundleOfTheDemo() throws Exception {
        if (demoBundle != null) {
            return demoBundle;
        }
        PipelineStack stack = SharedStack.get();
        String run = Runs.submit(stack, "demo-panel.csv", Files.readAllBytes(stack.demoPanel()), "demo-spec.yaml",
                Files.readAllBytes(stack.demoSpec()));
        Runs.await(stack, run, "COMPLETED", Duration.ofSeconds(180));
        demoBundle = unzip(TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/" + run + "/bundle")
                .then().statusCode(200).extract().asByteArray());
        return demoBundle;
    }

    record Replicated(Map<String, double[]> rows, String log) {
    }

    /** Runs replicate.R in a copy of the bundle (with {@code standIn} sourced instead of fixest when given). */
    private static Replicated runScript(Map<String, byte[]> bundle, byte[] standIn) throws Exception {
        java.nio.file.Path dir = Files.createTempDirectory("panelflow-replication");
        for (var f : bundle.entrySet()) {
            java.nio.file.Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        if (standIn != null) {
            Files.write(dir.resolve("feols-point-estimates.R"), standIn);
            String script = new String(bundle.get("replicate.R"), StandardCharsets.UTF_8);
            assertTrue(script.contains("suppressPackageStartupMessages(library(fixest))"));
            Files.writeString(dir.resolve("replicate.R"), script.replace("suppressPackageStartupMessages(library(fixest))",
                    "source(\"feols-point-estimates.R\")"));
        }
        Process r = new ProcessBuilder("Rscript", "replicate.R").directory(dir.toFile()).redirectErrorStream(true).start();
        String log = new String(r.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, r.waitFor(), log);
        Map<String, double[]> replicated = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(dir.resolve("replicate-results.csv"), StandardCharsets.UTF_8);
        assertEquals("\"model\",\"term\",\"estimate\",\"std_error\"", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            // "model","term",estimate,std_error (R doubles quotes inside quoted fields)
            int a = line.indexOf("\",\"");
            int b = line.lastIndexOf("\",");
            String model = line.substring(1, a).replace("\"\"", "\"");
            String term = line.substring(a + 3, b).replace("\"\"", "\"");
            String[] numbers = line.substring(b + 2).split(",");
            replicated.put(model + " | " + term, new double[]{Double.parseDouble(numbers[0]),
                    numbers[1].equals("NA") ? Double.NaN : Double.parseDouble(numbers[1])});
        }
        return new Replicated(replicated, log);
    }

    /**
     * Every replicated number against panelflow's (1e-6 relative, absolute below 1); with {@code everyCoefficient}
     * each coefficient of each fixed-effects result must have been replicated, with {@code standardErrors} the
     * standard errors are compared too.
     */
    private static List<String> compare(JsonNode results, Map<String, double[]> replicated, boolean everyCoefficient,
                                        boolean standardErrors) {
        List<String> failures = new java.util.ArrayList<>();
        Map<String, double[]> panelflow = new LinkedHashMap<>();
        for (JsonNode m : results.get("models")) {
            for (JsonNode c : m.get("coefficients")) {
                panelflow.put(m.get("id").asText() + " | " + c.get("term").asText(),
                        new double[]{c.get("estimate").asDouble(), c.get("stdError").asDouble()});
            }
        }
        List<String> ids = replicableIds(results);
        if (everyCoefficient) {
            panelflow.keySet().stream().filter(k -> ids.contains(k.substring(0, k.indexOf(" | "))))
                    .filter(k -> !replicated.containsKey(k)).forEach(k -> failures.add(k + ": not in replicate-results.csv"));
        }
        replicated.forEach((key, got) -> {
            double[] ref = panelflow.get(key);
            if (ref == null) {
                failures.add(key + ": not a coefficient of panelflow's results");
            } else if (Math.abs(got[0] - ref[0]) > 1e-6 * Math.max(1, Math.abs(ref[0]))
                    || standardErrors && Math.abs(got[1] - ref[1]) > 1e-6 * Math.max(1, Math.abs(ref[1]))) {
                failures.add(key + ": panelflow " + ref[0] + " (" + ref[1] + "), R " + got[0] + " (" + got[1] + ")");
            }
        });
        return failures;
    }

    /** Why replicate.R cannot run here (no Rscript, or one of the packages missing), or null when it can. */
    static String missingR(String... packages) {
        String list = String.join(", ", java.util.Arrays.stream(packages).map(p -> "'" + p + "'").toList());
        try {
            Process p = new ProcessBuilder("Rscript", "-e", "for (p in c(" + list + ")) if (!requireNamespace(p, quietly = TRUE)) stop('the R package ', p, ' is not installed')")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? null : out;
        } catch (IOException e) {
            return "Rscript is not installed (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Test
    void anUnknownRunHasNoBundle() {
        PipelineStack stack = SharedStack.get();
        TestUsers.viewer().baseUri(stack.reportUrl()).when().get("/api/runs/no-such-run/bundle").then().statusCode(404)
                .body("title", equalTo("Run not found"));
    }

    static JsonNode withoutRunIds(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove("runId");
        }
        node.forEach(ReproducibilityBundleTest::strip);
    }

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }
}
