package io.panelflow.ingest.upload;

import io.panelflow.frame.read.Fields;
import io.panelflow.frame.read.RecordSink;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads one worksheet of an XLSX workbook into records with POI's streaming (SAX) reader: the sheet's XML is
 * parsed as a stream from the file on disk, row by row, never built as a workbook in memory. Records are
 * numbered as the sheet numbers them (the first row is row 1). Cell values become text as follows:
 * <ul>
 *   <li>numbers: whole numbers below 10^15 without a decimal part ({@code 2015}), others in Java's
 *       shortest round-trip form ({@code 0.1}, {@code 1.0E-5});</li>
 *   <li>formulas: their cached result (the value Excel last computed); an error result such as
 *       {@code #N/A} or {@code #DIV/0!} is read as missing;</li>
 *   <li>dates (number cells with a date format): their calendar year, as yearly panels record years
 *       as dates; except that a whole number between 1000 and 3000 in a date-formatted cell is kept
 *       as that number (it is a year typed into a date cell: as a date it would fall in 1902–1908);</li>
 *   <li>booleans: {@code TRUE} / {@code FALSE}; blank cells: empty.</li>
 * </ul>
 * The sheet read is the first one, or the one named by the caller.
 *
 * <p><b>Limits</b> ({@link UploadLimits}): before POI opens the file, the zip's central directory is checked
 * ({@link ZipEntryCheck}: entry sizes and compression ratios); POI itself enforces the same minimum inflate
 * ratio, maximum entry size and maximum text size ({@link ZipSecureFile}) on the bytes actually inflated; while
 * the sheet streams, the row, column, cell and cell-length limits stop it at the first row over a limit.
 */
final class XlsxReader {
    /** Excel's error values, which the streaming handler reports as "ERROR:" + the value. */
    private static final Set<String> ERRORS = Set.of("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!",
            "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!");

    private XlsxReader() {
    }

    /** Hands the sheet's records to {@code sink} as they stream; returns the sheet's name. */
    static String read(Path file, String sheetName, UploadLimits limits, RecordSink sink) {
        ZipEntryCheck.check(file, limits);
        synchronized (ZipSecureFile.class) {
            ZipSecureFile.setMinInflateRatio(limits.minInflateRatio());
            ZipSecureFile.setMaxEntrySize(limits.maxEntryBytes());
            ZipSecureFile.setMaxTextSize(limits.maxTextChars());
        }
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            boolean date1904 = usesDate1904(reader);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            List<String> names = new ArrayList<>();
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    String name = sheets.getSheetName();
                    names.add(name);
                    if (sheetName == null || sheetName.isBlank() || sheetName.equals(name)) {
                        RowCollector rows = new RowCollector(limits, sink);
                        XMLReader parser = XMLHelper.newXMLReader();
                        parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, rows,
                                new PanelCellFormatter(date1904), false));
                        parser.parse(new InputSource(sheet));
                        return name;
                    }
                }
            }
            if (names.isEmpty()) {
                throw UploadProblem.of("Empty file", "the workbook has no worksheet");
            }
            throw UploadProblem.of("Missing worksheet", "the workbook has no sheet named '" + sheetName
                    + "'; its sheets are " + names);
        } catch (UploadProblem p) {
            throw p;
        } catch (Exception e) {
            UploadProblem limit = ZipEntryCheck.fromPoi(e, limits);
            if (limit != null) {
                throw limit;
            }
            throw UploadProblem.of("Unreadable workbook", "the file looks like an XLSX workbook (a zip archive) but is"
                    + " not one that can be read; open it in a spreadsheet program and save it again as .xlsx or CSV");
        }
    }

    /** Hands each row of a sheet on as a record, stopping at the first cell over a limit. */
    private static final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final UploadLimits limits;
        private final RecordSink sink;
        private final Fields record = new Fields();
        private List<String> fields;
        private int row;

        RowCollector(UploadLimits limits, RecordSink sink) {
            this.limits = limits;
            this.sink = sink;
        }

        @Override
        public void startRow(int rowNum) {
            row = rowNum + 1;
            fields = new ArrayList<>();
        }

        @Override
        public void endRow(int rowNum) {
            record.set(fields);
            sink.record(row, record);
        }

        @Override
        public void cell(String cellReference, String formattedValue, XSSFComment comment) {
            int col = cellReference == null ? fields.size() : new CellReference(cellReference).getCol();
            String value = formattedValue == null ? "" : formattedValue;
            if (value.startsWith("ERROR:") && ERRORS.contains(value.substring(6).toUpperCase(Locale.ROOT))) {
                value = "";
            }
            if (value.isBlank()) {
                return;
            }
            if (col >= limits.columns()) {
                throw limits.tooManyColumns(row, col + 1);
            }
            if (value.length() > limits.maxCellChars()) {
                throw limits.cellTooLong(row, "");
            }
            while (fields.size() < col) {
                fields.add("");
            }
            fields.add(value);
        }
    }

    /** Whether the workbook counts dates from 1904 (old Mac Excel): {@code <workbookPr date1904="1"/>}. */
    private static boolean usesDate1904(XSSFReader reader) throws Exception {
        boolean[] found = new boolean[1];
        try (InputStream workbook = reader.getWorkbookData()) {
            XMLReader parser = XMLHelper.newXMLReader();
            parser.setContentHandler(new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    if ("workbookPr".equals(localName)) {
                        String v = attributes.getValue("date1904");
                        found[0] = "1".equals(v) || "true".equalsIgnoreCase(v);
                    }
                }
            });
            parser.parse(new InputSource(workbook));
        }
        return found[0];
    }

    /** Numbers and dates as this reader writes them (see the class comment), whatever the cell's number format. */
    static final class PanelCellFormatter extends DataFormatter {
        private final boolean date1904;

        PanelCellFormatter(boolean date1904) {
            this.date1904 = date1904;
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            return formatRawCellContents(value, formatIndex, formatString, date1904);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
            boolean yearTypedIntoDateCell = value == Math.rint(value) && value >= 1000 && value <= 3000;
            if (formatString != null && DateUtil.isADateFormat(formatIndex, formatString) && !yearTypedIntoDateCell
                    && DateUtil.isValidExcelDate(value)) {
                LocalDateTime date = DateUtil.getLocalDateTime(value, use1904Windowing);
                return date == null ? "" : Integer.toString(date.getYear());
            }
            return formatNumber(value);
        }
    }

    /** Whole numbers without a decimal part, others in Java's shortest round-trip form. */
    static String formatNumber(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
