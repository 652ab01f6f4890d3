package io.panelflow.cli;

import io.panelflow.ingest.clean.PanelPreparation;
import io.panelflow.ingest.clean.PreparedPanel;
import io.panelflow.ingest.upload.UploadLimits;
import io.panelflow.model.spec.SpecLimits;
import io.panelflow.model.spec.SpecReader;
import io.panelflow.model.spec.StudySpec;

import java.nio.file.Path;

/**
 * The ingest service's checks without the service: the spec with {@link SpecReader} (syntax, cost limits,
 * JSON Schema, the checks the schema cannot express) and the data with {@link PanelPreparation} (reading,
 * validation against the spec, cleaning) — the very code {@code POST /api/runs} runs, under the default
 * limits ({@link SpecLimits#DEFAULT}, {@link UploadLimits#DEFAULT}; a service configured with other limits may
 * answer otherwise for files near a limit).
 */
public final class OfflineValidation {
    private OfflineValidation() {
    }

    /** What a valid upload gives: the spec's name and, with data, the cleaned panel's size. */
    public record Outcome(String specName, Integer rows, Integer columns) {
    }

    /**
     * Checks a spec and, when {@code dataFile} is not null, the data against it.
     *
     * @throws CliFailure with {@link ExitCodes#INVALID} and the service's problem line when either is refused
     */
    public static Outcome check(String specText, Path dataFile) {
        try {
            StudySpec spec = SpecReader.read(specText, SpecLimits.DEFAULT);
            if (dataFile == null) {
                return new Outcome(spec.name(), null, null);
            }
            PreparedPanel prepared = PanelPreparation.prepare(dataFile, dataFile.getFileName().toString(), spec,
                    UploadLimits.DEFAULT);
            return new Outcome(spec.name(), prepared.cleaned().rows(), prepared.cleaned().columnNames().size());
        } catch (RuntimeException e) {
            String line = ProblemText.of(e);
            if (line == null) {
                throw new CliFailure(ExitCodes.INVALID, "the upload cannot be checked: " + e.getMessage());
            }
            throw new CliFailure(ExitCodes.INVALID, line);
        }
    }
}
