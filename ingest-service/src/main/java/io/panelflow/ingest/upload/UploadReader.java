package io.panelflow.ingest.upload;

import java.util.List;
import java.util.Locale;

/**
 * Reads an uploaded data file, CSV or XLSX, into a {@link RawTable}.
 *
 * <p><b>Format</b>: decided by content first: bytes starting with {@code PK\3\4} (a zip archive) are
 * an XLSX workbook whatever the file is called; bytes of an old binary Excel file ({@code D0 CF 11 E0})
 * are rejected with a hint to save as XLSX or CSV; anything else is delimited text, except that a file
 * named {@code .xlsx} that is not a zip archive is rejected. Text is decoded by {@link TextDecoding}
 * (UTF-8 with or without BOM, GB18030/GBK) and parsed by {@link CsvReader} (separator sniffed from the
 * header line: comma, semicolon or tab).
 *
 * <p><b>Limits</b>: files over {@link UploadLimits#maxBytes()} (default 50 MiB), empty files,
 * header-only files, empty or repeated column names and ragged rows are rejected
 * (see {@link TableAssembly}).
 */
public final class UploadReader {
    private final UploadLimits limits;

    public UploadReader() {
        this(UploadLimits.DEFAULT);
    }

    public UploadReader(UploadLimits limits) {
        this.limits = limits;
    }

    /** Reads the file; an XLSX workbook's first sheet. */
    public RawTable read(byte[] data, String fileName) {
        return read(data, fileName, null);
    }

    /**
     * Reads the file.
     *
     * @param sheetName the worksheet of an XLSX workbook to read; null for the first
     */
    public RawTable read(byte[] data, String fileName, String sheetName) {
        if (data == null || data.length == 0) {
            throw UploadProblem.of("Empty file", "the uploaded file" + named(fileName) + " is empty (0 bytes)");
        }
        if (data.length > limits.maxBytes()) {
            throw UploadProblem.of("File too large", "the uploaded file" + named(fileName) + " has " + data.length
                    + " bytes; the limit is " + limits.maxBytes() + " bytes (" + mebibytes(limits.maxBytes()) + ")");
        }
        UploadFormat format = detectFormat(data, fileName);
        if (format == UploadFormat.XLSX) {
            XlsxReader.SheetRecords sheet = XlsxReader.read(data, sheetName);
            return TableAssembly.assemble(fileName, UploadFormat.XLSX, sheet.sheet(), sheet.records(), true);
        }
        String text = TextDecoding.decode(data).text();
        List<PhysicalRecord> records = CsvReader.read(text, CsvReader.sniffSeparator(text));
        return TableAssembly.assemble(fileName, UploadFormat.CSV, null, records, false);
    }

    /** The format of an upload, by its content and, where the content does not decide, its name. */
    public static UploadFormat detectFormat(byte[] data, String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT).strip();
        if (data.length >= 4 && data[0] == 'P' && data[1] == 'K' && data[2] == 3 && data[3] == 4) {
            return UploadFormat.XLSX;
        }
        if (data.length >= 4 && (data[0] & 0xFF) == 0xD0 && (data[1] & 0xFF) == 0xCF
                && (data[2] & 0xFF) == 0x11 && (data[3] & 0xFF) == 0xE0) {
            throw UploadProblem.of("Unsupported file format", "the file" + named(fileName)
                    + " is an old binary Excel workbook (.xls); save it as .xlsx or CSV");
        }
        if (name.endsWith(".xlsx") || name.endsWith(".xlsm")) {
            throw UploadProblem.of("Unreadable workbook", "the file" + named(fileName)
                    + " is named like an XLSX workbook but is not one (an XLSX file is a zip archive starting with PK)");
        }
        return UploadFormat.CSV;
    }

    private static String named(String fileName) {
        return fileName == null || fileName.isBlank() ? "" : " '" + fileName + "'";
    }

    private static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
