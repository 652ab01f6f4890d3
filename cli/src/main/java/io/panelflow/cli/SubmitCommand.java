package io.panelflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code panelflow submit DATA SPEC [--wait] [--out DIR]}: uploads to the ingest service; with {@code --wait}
 * follows the run on the report service (a line per stage and status), with {@code --out} (which implies
 * {@code --wait}) downloads every document of the completed run and its bundle.
 */
@Command(name = "submit", description = "Upload data and a study spec to start a run; optionally wait for it and download its report.")
final class SubmitCommand implements Callable<Integer> {
    @ParentCommand
    Panelflow parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATA", description = "the panel (CSV or XLSX, or any format the ingest service reads)")
    Path data;

    @Parameters(index = "1", paramLabel = "SPEC", description = "the study spec (YAML or JSON)")
    Path specFile;

    @Option(names = {"-w", "--wait"}, description = "follow the run until it completes or fails, a line per stage")
    boolean waitForRun;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "when the run has completed, write every report document and the bundle here (implies --wait)")
    Path out;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT60M",
            description = "how long --wait waits, ISO-8601 (default ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--poll", paramLabel = "DURATION", defaultValue = "PT1S", hidden = true,
            description = "how often --wait asks for the run")
    Duration poll;

    @Override
    public Integer call() throws InterruptedException {
        UserFiles.readable(data);
        UserFiles.readable(specFile);
        PrintWriter stdout = spec.commandLine().getOut();
        ServiceClient client = parent.client();
        String runId = client.submit(data, specFile);
        stdout.println("run " + runId + " accepted");
        stdout.flush();
        if (!waitForRun && out == null) {
            return ExitCodes.OK;
        }
        JsonNode run = follow(client, runId, stdout);
        String status = run.path("status").asText();
        if (status.equals("FAILED")) {
            String reason = run.hasNonNull("error") ? run.get("error").asText() : "no reason given";
            throw new CliFailure(ExitCodes.RUN_FAILED, "run " + runId + " failed: " + reason);
        }
        stdout.println("run " + runId + " COMPLETED");
        if (out != null) {
            for (JsonNode f : run.path("formats")) {
                ReportFormat format = ReportFormat.ofExtension(f.asText());
                if (format != null) {
                    stdout.println(client.download(runId, format.extension(), out));
                }
            }
            stdout.println(client.download(runId, null, out));
        }
        stdout.flush();
        return ExitCodes.OK;
    }

    /** Asks for the run until it is COMPLETED or FAILED, printing each stage's changes. */
    private JsonNode follow(ServiceClient client, String runId, PrintWriter stdout) throws InterruptedException {
        RunProgress progress = new RunProgress(stdout);
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean toldUnreachable = false;
        while (true) {
            JsonNode run = null;
            try {
                run = client.run(runId);
                toldUnreachable = false;
            } catch (CliFailure f) {
                if (f.isTransient()) {
                    // the run goes on without the report service: keep asking until the timeout
                    if (!toldUnreachable) {
                        spec.commandLine().getErr().println("panelflow: " + f.getMessage() + "; still waiting");
                        spec.commandLine().getErr().flush();
                        toldUnreachable = true;
                    }
                } else if (f.exitCode() != ExitCodes.INVALID) {
                    // the report service learns of a run from its first event: a 404 right after the upload is normal
                    throw f;
                }
            }
            if (run != null) {
                progress.update(run);
                String status = run.path("status").asText();
                if (status.equals("COMPLETED") || status.equals("FAILED")) {
                    return run;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new CliFailure(ExitCodes.UNAVAILABLE, "run " + runId + " is still "
                        + (run == null ? "unknown to the report service" : run.path("status").asText())
                        + " after " + timeout.toMinutes() + " min; follow it with: panelflow status " + runId);
            }
            Thread.sleep(Math.max(50, poll.toMillis()));
        }
    }
}
