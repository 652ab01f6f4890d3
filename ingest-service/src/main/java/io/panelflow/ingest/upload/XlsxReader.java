package io.panelflow.ingest.upload;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one worksheet of an XLSX workbook into records, one per sheet row, numbered as the sheet
 * numbers them (the first row is row 1). Cell values become text as follows:
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
 */
final class XlsxReader {
    private XlsxReader() {
    }

    /** The records of the sheet and the sheet's name. */
    record SheetRecords(String sheet, List<PhysicalRecord> records) {
    }

    static SheetRecords read(byte[] data, String sheetName) {
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(data))) {
            if (workbook.getNumberOfSheets() == 0) {
                throw UploadProblem.of("Empty file", "the workbook has no worksheet");
            }
            Sheet sheet;
            if (sheetName == null || sheetName.isBlank()) {
                sheet = workbook.getSheetAt(0);
            } else {
                sheet = workbook.getSheet(sheetName);
                if (sheet == null) {
                    List<String> names = new ArrayList<>();
                    workbook.forEach(s -> names.add(s.getSheetName()));
                    throw UploadProblem.of("Missing worksheet", "the workbook has no sheet named '" + sheetName
                            + "'; its sheets are " + names);
                }
            }
            List<PhysicalRecord> records = new ArrayList<>();
            for (Row row : sheet) {
                int last = row.getLastCellNum();
                List<String> fields = new ArrayList<>(Math.max(last, 0));
                for (int c = 0; c < last; c++) {
                    fields.add(text(row.getCell(c, Row.MissingCellPolicy.RETURN_BLANK_AS_NULL)));
                }
                records.add(new PhysicalRecord(row.getRowNum() + 1, fields));
            }
            return new SheetRecords(sheet.getSheetName(), records);
        } catch (UploadProblem p) {
            throw p;
        } catch (IOException | RuntimeException e) {
            throw UploadProblem.of("Unreadable workbook", "the file looks like an XLSX workbook (a zip archive) but is"
                    + " not one that can be read; open it in a spreadsheet program and save it again as .xlsx or CSV");
        }
    }

    private static String text(Cell cell) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType();
        if (type == CellType.FORMULA) {
            type = cell.getCachedFormulaResultType();
        }
        return switch (type) {
            case NUMERIC -> numeric(cell);
            case STRING -> cell.getRichStringCellValue().getString();
            case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            case ERROR, BLANK, _NONE, FORMULA -> "";
        };
    }

    private static String numeric(Cell cell) {
        double v = cell.getNumericCellValue();
        if (DateUtil.isCellDateFormatted(cell) && !(v == Math.rint(v) && v >= 1000 && v <= 3000)) {
            LocalDateTime date = cell.getLocalDateTimeCellValue();
            return date == null ? "" : Integer.toString(date.getYear());
        }
        return formatNumber(v);
    }

    /** Whole numbers without a decimal part, others in Java's shortest round-trip form. */
    static String formatNumber(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
