package io.panelflow.ingest.upload;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads delimited text (RFC 4180 and the usual departures from it) into records, from a character stream:
 * the text is never held whole, only the records read so far, and the reader stops at the first record over
 * a limit ({@link UploadLimits}: rows, columns, cells, characters of a cell).
 *
 * <ul>
 *   <li><b>Separator</b>: sniffed from the first line, outside quotes: whichever of comma, semicolon
 *       and tab occurs most often; comma on a tie or when none occurs.</li>
 *   <li><b>Line ends</b>: CRLF, LF and a lone CR all end a record.</li>
 *   <li><b>Quotes</b>: a field whose first non-blank character is {@code "} is quoted; inside it,
 *       separators and line ends are data and {@code ""} is one quote. Text after the closing quote
 *       (other than blanks) is kept as written. A quote inside an unquoted field is an ordinary
 *       character. A quote still open at the end of the file is an error naming the row it opened in.</li>
 *   <li><b>Row numbers</b>: the first record is row 1; each record, blank or not, adds one, so a
 *       quoted value spanning lines does not shift later row numbers (as in a spreadsheet).</li>
 * </ul>
 */
final class CsvReader {
    private CsvReader() {
    }

    /** The separator sniffed from the first line of {@code text}. */
    static char sniffSeparator(String text) {
        try {
            return sniffSeparator(new java.io.StringReader(text), Integer.MAX_VALUE);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The separator sniffed from the first line of {@code in}, reading at most {@code maxChars} characters. */
    static char sniffSeparator(Reader in, long maxChars) throws IOException {
        int comma = 0;
        int semicolon = 0;
        int tab = 0;
        boolean quoted = false;
        int c;
        long read = 0;
        while ((c = in.read()) >= 0 && read++ < maxChars) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ',') {
                comma++;
            } else if (!quoted && c == ';') {
                semicolon++;
            } else if (!quoted && c == '\t') {
                tab++;
            }
        }
        if (semicolon > comma && semicolon >= tab) {
            return ';';
        }
        if (tab > comma && tab > semicolon) {
            return '\t';
        }
        return ',';
    }

    static List<PhysicalRecord> read(String text, char separator) {
        try {
            return read(new java.io.StringReader(text), separator, UploadLimits.DEFAULT);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<PhysicalRecord> read(Reader reader, char separator, UploadLimits limits) throws IOException {
        Chars in = new Chars(reader);
        List<PhysicalRecord> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int row = 1;
        int quoteOpenedInRow = 0;
        boolean inQuotes = false;
        boolean fieldWasQuoted = false;
        boolean recordStarted = false;
        int nonBlank = 0;
        long cells = 0;
        int c = in.read();
        while (c >= 0) {
            int next = in.read();
            if (field.length() > limits.maxCellChars()) {
                throw limits.cellTooLong(inQuotes ? quoteOpenedInRow : row,
                        inQuotes ? "; is a quote opened in this row never closed?" : "");
            }
            if (inQuotes) {
                if (c == '"') {
                    if (next == '"') {
                        field.append('"');
                        next = in.read();
                    } else {
                        inQuotes = false;
                    }
                } else {
                    field.append((char) c);
                }
                c = next;
                continue;
            }
            if (c == '"' && !fieldWasQuoted && isBlank(field)) {
                field.setLength(0);
                inQuotes = true;
                fieldWasQuoted = true;
                quoteOpenedInRow = row;
                recordStarted = true;
            } else if (c == separator) {
                fields.add(field.toString());
                field.setLength(0);
                fieldWasQuoted = false;
                recordStarted = true;
                if (fields.size() > 2L * limits.columns() + 16) {
                    throw limits.tooManyColumns(row, fields.size() + 1);
                }
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && next == '\n') {
                    next = in.read();
                }
                fields.add(field.toString());
                checkWidth(limits, row, fields);
                PhysicalRecord record = new PhysicalRecord(row, fields);
                if (!record.blank()) {
                    nonBlank++;
                    cells += nonBlank > 1 ? fields.size() : 0;
                    checkTable(limits, nonBlank, cells);
                    records.add(record);
                }
                fields = new ArrayList<>();
                field.setLength(0);
                fieldWasQuoted = false;
                recordStarted = false;
                row++;
            } else if (!(fieldWasQuoted && Character.isWhitespace(c))) {
                field.append((char) c);
                recordStarted = true;
            }
            c = next;
        }
        if (field.length() > limits.maxCellChars()) {
            throw limits.cellTooLong(inQuotes ? quoteOpenedInRow : row, "");
        }
        if (inQuotes) {
            throw UploadProblem.atCell("Unclosed quote",
                    "row " + quoteOpenedInRow + " (row 1 is the header): a quoted value opened here is never closed",
                    quoteOpenedInRow, null, null);
        }
        if (recordStarted || field.length() > 0) {
            fields.add(field.toString());
            checkWidth(limits, row, fields);
            PhysicalRecord record = new PhysicalRecord(row, fields);
            if (!record.blank()) {
                checkTable(limits, nonBlank + 1, cells + (nonBlank > 0 ? fields.size() : 0));
                records.add(record);
            }
        }
        return records;
    }

    private static boolean isBlank(StringBuilder field) {
        for (int i = 0; i < field.length(); i++) {
            if (!Character.isWhitespace(field.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A character stream read a buffer at a time (a method call per character on a Reader is slow). */
    private static final class Chars {
        private final Reader reader;
        private final char[] buffer = new char[64 * 1024];
        private int length;
        private int next;

        Chars(Reader reader) {
            this.reader = reader;
        }

        int read() throws IOException {
            if (next == length) {
                length = reader.read(buffer, 0, buffer.length);
                next = 0;
                if (length <= 0) {
                    length = 0;
                    return -1;
                }
            }
            return buffer[next++];
        }
    }

    /** A record's width is its last non-blank field (trailing separators do not count). */
    private static void checkWidth(UploadLimits limits, int row, List<String> fields) {
        if (fields.size() <= limits.columns()) {
            return;
        }
        int width = fields.size();
        while (width > 0 && fields.get(width - 1).isBlank()) {
            width--;
        }
        if (width > limits.columns()) {
            throw limits.tooManyColumns(row, width);
        }
    }

    /** After {@code nonBlank} records (the header included) with {@code cells} fields in the data rows. */
    static void checkTable(UploadLimits limits, int nonBlank, long cells) {
        if (nonBlank - 1 > limits.rows()) {
            throw limits.tooManyRows("the file");
        }
        if (cells > limits.cells()) {
            throw limits.tooManyCells(cells);
        }
    }
}
