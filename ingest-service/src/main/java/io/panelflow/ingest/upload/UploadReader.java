package io.panelflow.ingest.upload;

import io.panelflow.frame.read.DelimitedText;
import io.panelflow.frame.read.TextFormatException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an uploaded data file, CSV, XLSX or a Stata dataset ({@code .dta}, {@link StataReader}), into a {@link RawTable}.
 *
 * <p><b>Format</b>: decided by content first: bytes starting with {@code PK\3\4} (a zip archive) are
 * an XLSX workbook whatever the file is called; bytes of an old binary Excel file ({@code D0 CF 11 E0})
 * are rejected with a hint to save as XLSX or CSV; a Stata dataset (bytes {@code <stata_dta>}, or a format 114/115
 * header) is read by {@link StataReader}; anything else is delimited text, except that a file
 * named {@code .xlsx} that is not a zip archive is rejected. Text is decoded by {@link TextDecoding}
 * (UTF-8 with or without BOM, GB18030/GBK) and parsed by {@link CsvReader} (separator sniffed from the
 * header line: comma, semicolon or tab).
 *
 * <p><b>Streaming</b>: the upload is a file on disk; CSV is decoded and parsed as a character stream
 * (a UTF-8 reading that meets a malformed byte is abandoned and the file read again as GB18030), XLSX is
 * read with POI's SAX reader ({@link XlsxReader}); records go straight into typed columns ({@link TableAssembly}):
 * numbers as doubles (parsed once, without a string per cell), the spec's unit, group and attribute columns as
 * text. A column that turns out to hold text after numbers is read once more as text, so text stays as written.
 * Another format's reader only has to hand records to a {@link io.panelflow.frame.read.RecordSink} (see
 * {@link #read(Path, String, String, Set)}).
 *
 * <p><b>Limits</b> ({@link UploadLimits}): a file over {@code maxBytes} (default 1 GiB), with more rows, columns
 * or cells than allowed, with a cell over 32767 characters, or an XLSX over the decompression limits is
 * refused with a 413 naming the limit; empty files, header-only files, empty or repeated column names and
 * ragged rows are rejected with a 400 (see {@link TableAssembly}).
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

    /** Reads bytes in memory (tests, small inputs) through a temporary file, as an upload is read. */
    public RawTable read(byte[] data, String fileName, String sheetName) {
        if (data == null || data.length == 0) {
            throw UploadProblem.of("Empty file", "the uploaded file" + named(fileName) + " is empty (0 bytes)");
        }
        Path file = null;
        try {
            file = Files.createTempFile("panelflow-upload", ".bin");
            Files.write(file, data);
            return read(file, fileName, sheetName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    /**
     * Reads the file from disk as a stream, every column as text (cells exactly as written, trimmed).
     *
     * @param sheetName the worksheet of an XLSX workbook to read; null for the first
     */
    public RawTable read(Path file, String fileName, String sheetName) {
        return read(file, fileName, sheetName, null);
    }

    /**
     * Reads the file from disk as a stream: CSV decoded and parsed as it is read, XLSX with POI's streaming
     * reader; neither is ever held whole in memory, and cells go straight into typed columns.
     *
     * @param sheetName   the worksheet of an XLSX workbook to read; null for the first
     * @param textColumns the columns kept as text (numbers as written); the others are numeric while every cell
     *                    is a number; null = every column as text
     */
    public RawTable read(Path file, String fileName, String sheetName, Set<String> textColumns) {
        long size;
        byte[] head = new byte[4];
        int headLength;
        try {
            size = Files.size(file);
            try (InputStream in = Files.newInputStream(file)) {
                headLength = in.readNBytes(head, 0, head.length);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (size == 0) {
            throw UploadProblem.of("Empty file", "the uploaded file" + named(fileName) + " is empty (0 bytes)");
        }
        if (size > limits.maxBytes()) {
            throw tooLarge(fileName, size, limits.maxBytes());
        }
        UploadFormat format = detectFormat(java.util.Arrays.copyOf(head, headLength), fileName);
        boolean allText = textColumns == null;
        Set<String> text = allText ? Set.of() : textColumns;
        RawTable table = read(file, fileName, sheetName, format, java.util.Arrays.copyOf(head, headLength), text, allText);
        if (!allText) {
            Set<String> again = new HashSet<>(text);
            for (int c = 0; c < table.header().size(); c++) {
                if (table.column(c).rewritten()) {
                    again.add(table.header().get(c));
                }
            }
            if (again.size() > text.size()) {
                table = read(file, fileName, sheetName, format, java.util.Arrays.copyOf(head, headLength), again, false);
            }
        }
        return table;
    }

    private RawTable read(Path file, String fileName, String sheetName, UploadFormat format, byte[] head,
                          Set<String> textColumns, boolean allText) {
        if (format == UploadFormat.DTA) {
            TableAssembly table = new TableAssembly(fileName, format, limits, textColumns, allText, true);
            StataReader.read(file, fileName, limits, table);
            return table.finish();
        }
        if (format == UploadFormat.XLSX) {
            TableAssembly table = new TableAssembly(fileName, format, limits, textColumns, allText, true);
            table.sheet(XlsxReader.read(file, sheetName, limits, table));
            return table.finish();
        }
        return readCsv(file, fileName, head, textColumns, allText);
    }

    /** The 413 problem of a file over {@code maxBytes}. */
    public static UploadProblem tooLarge(String fileName, long size, long maxBytes) {
        return UploadProblem.tooLarge("File too large", "the uploaded file" + named(fileName) + " has "
                + (size < 0 ? "more than " + maxBytes : Long.toString(size)) + " bytes; the limit is " + maxBytes
                + " bytes (" + mebibytes(maxBytes) + ", panelflow.upload.max-bytes)");
    }

    private RawTable readCsv(Path file, String fileName, byte[] head, Set<String> textColumns, boolean allText) {
        for (TextDecoding.Candidate candidate : TextDecoding.candidates(head)) {
            try {
                char separator;
                try (Reader in = open(file, candidate)) {
                    separator = DelimitedText.sniffSeparator(in, (long) limits.maxCellChars() * limits.columns());
                }
                TableAssembly table = new TableAssembly(fileName, UploadFormat.CSV, limits, textColumns, allText, false);
                try (Reader in = open(file, candidate)) {
                    new DelimitedText(separator, limits.maxCellChars(), 2 * limits.columns() + 16).read(in, table);
                }
                return table.finish();
            } catch (TextFormatException e) {
                throw switch (e.kind()) {
                    case CELL_TOO_LONG -> limits.cellTooLong(e.row(),
                            e.insideQuotes() ? "; is a quote opened in this row never closed?" : "");
                    case TOO_MANY_FIELDS -> limits.tooManyColumns(e.row(), e.fields());
                    case UNCLOSED_QUOTE -> UploadProblem.atCell("Unclosed quote", "row " + e.row()
                            + " (row 1 is the header): a quoted value opened here is never closed", e.row(), null, null);
                };
            } catch (CharacterCodingException e) {
                if (candidate.byByteOrderMark()) {
                    throw candidate.notDecodable();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw TextDecoding.candidates(head).get(0).notDecodable();
    }

    private static Reader open(Path file, TextDecoding.Candidate candidate) throws IOException {
        InputStream in = Files.newInputStream(file);
        in.skipNBytes(candidate.skip());
        return new BufferedReader(new InputStreamReader(in, candidate.decoder()), 64 * 1024);
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
        if (io.panelflow.dta.DtaReader.looksLikeDta(data)) {
            return UploadFormat.DTA;
        }
        if (name.endsWith(".dta")) {
            throw UploadProblem.of("Unreadable Stata file", "the file" + named(fileName)
                    + " is named like a Stata dataset but is not one of formats 114 to 119 (Stata 10 to 18)");
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
