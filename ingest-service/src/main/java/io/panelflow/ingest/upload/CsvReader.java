package io.panelflow.ingest.upload;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads delimited text (RFC 4180 and the usual departures from it) into records.
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
        int comma = 0;
        int semicolon = 0;
        int tab = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
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
        List<PhysicalRecord> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int row = 1;
        int quoteOpenedInRow = 0;
        boolean inQuotes = false;
        boolean fieldWasQuoted = false;
        boolean recordStarted = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        inQuotes = false;
                    }
                } else {
                    field.append(c);
                }
                continue;
            }
            if (c == '"' && !fieldWasQuoted && field.toString().isBlank()) {
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
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                records.add(new PhysicalRecord(row, fields));
                fields = new ArrayList<>();
                field.setLength(0);
                fieldWasQuoted = false;
                recordStarted = false;
                row++;
            } else {
                if (fieldWasQuoted && Character.isWhitespace(c)) {
                    continue;
                }
                field.append(c);
                recordStarted = true;
            }
        }
        if (inQuotes) {
            throw UploadProblem.atCell("Unclosed quote",
                    "row " + quoteOpenedInRow + " (row 1 is the header): a quoted value opened here is never closed",
                    quoteOpenedInRow, null, null);
        }
        if (recordStarted || field.length() > 0) {
            fields.add(field.toString());
            records.add(new PhysicalRecord(row, fields));
        }
        return records;
    }
}
