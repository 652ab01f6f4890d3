package io.panelflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code panelflow status RUN [--json]}: the run's status and its stages; exit 1 for a failed run. */
@Command(name = "status", description = "Show a run's status and stages (exit code 1 when the run failed).")
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    Panelflow parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "the run id")
    String runId;

    @Option(names = "--json", description = "print the run as the report service gives it (GET /api/runs/{runId})")
    boolean json;

    @Override
    public Integer call() {
        JsonNode run = parent.client().run(runId);
        if (json) {
            spec.commandLine().getOut().println(run.toPrettyString());
            spec.commandLine().getOut().flush();
        } else {
            RunProgress.describe(run, spec.commandLine().getOut());
        }
        return "FAILED".equals(run.path("status").asText()) ? ExitCodes.RUN_FAILED : ExitCodes.OK;
    }
}
