package io.panelflow.system;

import io.panelflow.testing.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real browser, on the running stack: {@code deploy/browser-test/dashboard.mjs}
 * (Playwright driving Debian's headless Chromium) signs in with the form as the submitter, uploads the demo with the form, watches the run
 * reach COMPLETED in the live list, opens the run page and checks the report's tables are visible.
 * Screenshots in system-tests/target/browser/. Skips when Chromium, Node or the script's
 * node_modules are absent (.ci/run installs them).
 */
@ExtendWith(SharedStack.class)
class DashboardBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void theDemoUploadedWithTheFormReachesCompletedAndItsReportShows() throws Exception {
        PipelineStack stack = SharedStack.get();
        Path dir = stack.root.resolve("deploy/browser-test");
        assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + " (apt-get install chromium): browser test skipped");
        assumeTrue(Files.isDirectory(dir.resolve("node_modules/playwright-core")),
                "no deploy/browser-test/node_modules (npm ci there): browser test skipped");
        String node = onPath("node");
        assumeTrue(node != null, "no node on the PATH: browser test skipped");

        Path shots = Files.createDirectories(stack.root.resolve("system-tests/target/browser"));
        Path log = shots.resolve("dashboard.log");
        ProcessBuilder pb = new ProcessBuilder(node, dir.resolve("dashboard.mjs").toString(), stack.reportUrl(),
                stack.demoPanel().toString(), stack.demoSpec().toString(), shots.toString())
                .directory(stack.root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        // signs in with the form as the submitter, as a person would with .panelflow/credentials.env
        pb.environment().put("PANELFLOW_USER", TestUsers.SUBMITTER.name());
        pb.environment().put("PANELFLOW_PASSWORD", TestUsers.SUBMITTER.password());
        Process p = pb.start();
        boolean ended = p.waitFor(6, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        System.out.println(output);
        assertTrue(ended, "the browser test did not end in 6 minutes:\n" + output);
        assertEquals(0, p.exitValue(), "the browser test failed:\n" + output);
        assertTrue(Files.size(shots.resolve("dashboard-3-run-page.png")) > 10_000, "a run page screenshot");
    }

    static String onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            Path c = Path.of(d, command);
            if (Files.isExecutable(c)) {
                return c.toString();
            }
        }
        return null;
    }
}
