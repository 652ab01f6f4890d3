package io.panelflow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code panelflow fetch RUN --format docx|html|latex|markdown|csv|json|bundle ... [--out DIR]}. */
@Command(name = "fetch", description = "Download a completed run's report documents and/or its reproducibility bundle.")
final class FetchCommand implements Callable<Integer> {
    @ParentCommand
    Panelflow parent;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "the run id")
    String runId;

    @Option(names = {"-f", "--format"}, required = true, split = ",", paramLabel = "FORMAT",
            description = "docx, html, latex, markdown, csv, json or bundle; repeat or separate with commas")
    List<String> formats = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "where to write the files (default: the current directory)")
    Path out = Path.of(".");

    @Override
    public Integer call() {
        Set<ReportFormat> chosen = new LinkedHashSet<>();
        for (String f : formats) {
            try {
                chosen.add(ReportFormat.parse(f));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        ServiceClient client = parent.client();
        for (ReportFormat f : chosen) {
            spec.commandLine().getOut().println(client.download(runId, f.extension(), out));
        }
        return ExitCodes.OK;
    }
}
