package io.panelflow.ingest.clean;

import io.panelflow.ingest.upload.RawTable;
import io.panelflow.ingest.upload.UploadLimits;
import io.panelflow.ingest.upload.UploadProblem;
import io.panelflow.ingest.upload.UploadReader;
import io.panelflow.ingest.validate.PanelValidator;
import io.panelflow.ingest.validate.ValidatedPanel;
import io.panelflow.model.spec.StudySpec;

/**
 * The ingest pipeline as one pure function of the uploaded bytes and the study spec: read
 * ({@link UploadReader}), validate and type ({@link PanelValidator}), clean ({@link PanelCleaner}).
 * No I/O besides the bytes given; every bad input is an {@link UploadProblem}.
 */
public final class PanelPreparation {
    private PanelPreparation() {
    }

    /** Prepares an upload under the default limits (50 MiB). */
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
        RawTable raw = new UploadReader(limits).read(data, fileName, sheetName);
        ValidatedPanel validated = PanelValidator.validate(raw, spec);
        CleanedPanel cleaned = PanelCleaner.clean(validated, spec);
        return new PreparedPanel(raw, validated.frame(), cleaned.frame(), cleaned.report());
    }
}
