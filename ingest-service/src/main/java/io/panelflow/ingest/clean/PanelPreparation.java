package io.panelflow.ingest.clean;

import io.panelflow.ingest.upload.RawTable;
import io.panelflow.ingest.upload.UploadLimits;
import io.panelflow.ingest.upload.UploadProblem;
import io.panelflow.ingest.upload.UploadReader;
import io.panelflow.ingest.validate.PanelValidator;
import io.panelflow.ingest.validate.ValidatedPanel;
import io.panelflow.model.spec.StudySpec;

import java.nio.file.Path;

/**
 * The ingest pipeline as one pure function of the upload (bytes, or a file read as a stream) and the study spec: read
 * ({@link UploadReader}), validate and type ({@link PanelValidator}), clean ({@link PanelCleaner}).
 * No I/O besides reading the upload; every bad input is an {@link UploadProblem}.
 */
public final class PanelPreparation {
    private PanelPreparation() {
    }

    /** Prepares an upload under the default limits. */
    public static PreparedPanel prepare(byte[] data, String fileName, StudySpec spec) {
        return prepare(data, fileName, spec, UploadLimits.DEFAULT);
    }

    public static PreparedPanel prepare(byte[] data, String fileName, StudySpec spec, UploadLimits limits) {
        return prepare(data, fileName, spec, limits, null);
    }

    /**
     * Prepares an upload.
     *
     * @param sheetName the worksheet of an XLSX workbook to read; null for the first (ignored for CSV)
     */
    public static PreparedPanel prepare(byte[] data, String fileName, StudySpec spec, UploadLimits limits,
                                        String sheetName) {
        if (spec == null || spec.panel() == null) {
            throw UploadProblem.of("Missing spec", "a study spec with a panel (unit and time) is required");
        }
        return prepare(new UploadReader(limits).read(data, fileName, sheetName), spec);
    }

    /** Prepares an upload stored in a file, read as a stream (see {@link UploadReader#read(Path, String, String)}). */
    public static PreparedPanel prepare(Path file, String fileName, StudySpec spec, UploadLimits limits) {
        if (spec == null || spec.panel() == null) {
            throw UploadProblem.of("Missing spec", "a study spec with a panel (unit and time) is required");
        }
        return prepare(new UploadReader(limits).read(file, fileName, null), spec);
    }

    private static PreparedPanel prepare(RawTable raw, StudySpec spec) {
        ValidatedPanel validated = PanelValidator.validate(raw, spec);
        CleanedPanel cleaned = PanelCleaner.clean(validated, spec);
        return new PreparedPanel(raw, validated.frame(), cleaned.frame(), cleaned.report());
    }
}
