package io.panelflow.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code panelflow validate SPEC [DATA]}: the ingest service's checks, offline. */
@Command(name = "validate", description = {"Check a study spec, and data against it, offline: the ingest service's own "
        + "checks and messages (default limits). No service is called."})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "the study spec (YAML or JSON)")
    Path specFile;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DATA", description = "the data (a format the ingest service reads: CSV, XLSX, ...), optional")
    Path dataFile;

    @Override
    public Integer call() {
        String text = UserFiles.readString(specFile);
        if (dataFile != null) {
            UserFiles.readable(dataFile);
        }
        OfflineValidation.Outcome outcome = OfflineValidation.check(text, dataFile);
        var out = spec.commandLine().getOut();
        String name = outcome.specName() == null ? "" : " '" + outcome.specName() + "'";
        if (outcome.rows() == null) {
            out.println("spec" + name + " is valid");
        } else {
            out.println("spec" + name + " and data are valid: " + outcome.rows() + " rows and " + outcome.columns()
                    + " columns after cleaning");
        }
        return ExitCodes.OK;
    }
}
