package io.panelflow.frame.read;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;

/**
 * Reads delimited text (RFC 4180 and the usual departures from it) as a stream of records handed to a
 * {@link RecordSink}: nothing but the current record is held, and its fields are not even strings until
 * the sink asks ({@link Fields}). The upload reader and the benchmark both read CSV with this class.
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
 *
 * @param separator    the field separator
 * @param maxCellChars the most characters of one field
 * @param maxFields    the most fields of one record (checked while it is read)
 */
public record DelimitedText(char separator, int maxCellChars, int maxFields) {

    /** Comma-separated, without practical limits. */
    public static DelimitedText csv() {
        return new DelimitedText(',', Integer.MAX_VALUE - 8, Integer.MAX_VALUE - 8);
    }

    /** The separator sniffed from the first line of {@code text}. */
    public static char sniffSeparator(String text) {
        try {
            return sniffSeparator(new StringReader(text), Integer.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The separator sniffed from the first line of {@code in}, reading at most {@code maxChars} characters. */
    public static char sniffSeparator(Reader in, long maxChars) throws IOException {
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

    /** Reads every record of {@code reader} into {@code sink}; throws {@link TextFormatException} at a limit. */
    public void read(Reader reader, RecordSink sink) throws IOException {
        char[] buffer = new char[64 * 1024];
        int length = 0;
        int pos = 0;
        Fields fields = new Fields();
        fields.clear();
        int row = 1;
        int quoteOpenedInRow = 0;
        boolean inQuotes = false;
        boolean fieldWasQuoted = false;
        boolean recordStarted = false;
        while (true) {
            if (pos == length) {
                length = reader.read(buffer, 0, buffer.length);
                pos = 0;
                if (length <= 0) {
                    length = 0;
                    break;
                }
            }
            char c = buffer[pos++];
            if (inQuotes) {
                if (c == '"') {
                    int next = pos < length ? buffer[pos] : -3;
                    if (next == '"') {
                        fields.append('"');
                        pos++;
                    } else if (next == -3) {
                        // the buffer ends at this quote: read on and look at the next character
                        length = reader.read(buffer, 0, buffer.length);
                        pos = 0;
                        if (length <= 0) {
                            length = 0;
                            inQuotes = false;
                            continue;
                        }
                        if (buffer[0] == '"') {
                            fields.append('"');
                            pos = 1;
                        } else {
                            inQuotes = false;
                        }
                    } else {
                        inQuotes = false;
                    }
                } else {
                    fields.append(c);
                    if (fields.currentLength() > maxCellChars) {
                        throw new TextFormatException(TextFormatException.Kind.CELL_TOO_LONG, quoteOpenedInRow, 0, true);
                    }
                }
                continue;
            }
            if (c == '"' && !fieldWasQuoted && fields.currentBlank()) {
                fields.resetCurrent();
                inQuotes = true;
                fieldWasQuoted = true;
                quoteOpenedInRow = row;
                recordStarted = true;
            } else if (c == separator) {
                fields.endField();
                fieldWasQuoted = false;
                recordStarted = true;
                if (fields.count() > maxFields) {
                    throw new TextFormatException(TextFormatException.Kind.TOO_MANY_FIELDS, row, fields.count() + 1, false);
                }
            } else if (c == '\n' || c == '\r') {
                if (c == '\r') {
                    if (pos == length) {
                        length = reader.read(buffer, 0, buffer.length);
                        pos = 0;
                        if (length <= 0) {
                            length = 0;
                        }
                    }
                    if (pos < length && buffer[pos] == '\n') {
                        pos++;
                    }
                }
                fields.endField();
                sink.record(row, fields);
                fields.clear();
                fieldWasQuoted = false;
                recordStarted = false;
                row++;
            } else if (!(fieldWasQuoted && Character.isWhitespace(c))) {
                fields.append(c);
                recordStarted = true;
                if (fields.currentLength() > maxCellChars) {
                    throw new TextFormatException(TextFormatException.Kind.CELL_TOO_LONG, row, 0, false);
                }
            }
        }
        if (inQuotes) {
            throw new TextFormatException(TextFormatException.Kind.UNCLOSED_QUOTE, quoteOpenedInRow, 0, true);
        }
        if (recordStarted || fields.currentLength() > 0) {
            fields.endField();
            sink.record(row, fields);
        }
    }
}
