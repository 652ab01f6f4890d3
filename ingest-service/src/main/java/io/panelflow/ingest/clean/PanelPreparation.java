package io.panelflow.ingest.clean;

import io.panelflow.ingest.upload.RawTable;
import io.panelflow.ingest.upload.UploadLimits;
import io.panelflow.ingest.upload.UploadProblem;
import io.panelflow.ingest.upload.UploadReader;
import io.panelflow.ingest.validate.PanelValidator;
import io.panelflow.ingest.validate.ValidatedPanel;
import io.panelflow.model.spec.StudySpec;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

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
        byte[] bytes = data;
        if (bytes == null || bytes.length == 0) {
            return prepare(new UploadReader(limits).read(bytes, fileName, sheetName), spec);
        }
        Path file = null;
        try {
            file = java.nio.file.Files.createTempFile("panelflow-upload", ".bin");
            java.nio.file.Files.write(file, bytes);
            return prepare(file, fileName, spec, limits, sheetName);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    java.nio.file.Files.deleteIfExists(file);
                } catch (java.io.IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    /** Prepares an upload stored in a file, read as a stream (see {@link UploadReader#read(Path, String, String)}). */
    public static PreparedPanel prepare(Path file, String fileName, StudySpec spec, UploadLimits limits) {
        return prepare(file, fileName, spec, limits, null);
    }

    /**
     * Prepares an upload stored in a file; the spec's unit, group and attribute columns are read as text (as
     * written), the others straight into numbers where every cell is one.
     */
    public static PreparedPanel prepare(Path file, String fileName, StudySpec spec, UploadLimits limits, String sheetName) {
        if (spec == null || spec.panel() == null) {
            throw UploadProblem.of("Missing spec", "a study spec with a panel (unit and time) is required");
        }
        Set<String> text = new HashSet<>(spec.panel().attributes());
        if (spec.panel().unit() != null) {
            text.add(spec.panel().unit());
        }
        if (spec.panel().group() != null) {
            text.add(spec.panel().group());
        }
        return prepare(new UploadReader(limits).read(file, fileName, sheetName, text), spec);
    }

    private static PreparedPanel prepare(RawTable raw, StudySpec spec) {
        ValidatedPanel validated = PanelValidator.validate(raw, spec);
        CleanedPanel cleaned = PanelCleaner.clean(validated, spec);
        return new PreparedPanel(raw, validated.frame(), cleaned.frame(), cleaned.report());
    }
}
