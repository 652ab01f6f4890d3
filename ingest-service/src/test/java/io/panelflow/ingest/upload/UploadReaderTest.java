package io.panelflow.ingest.upload;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UploadReaderTest {
    private final UploadReader reader = new UploadReader();

    private RawTable csv(String text) {
        return reader.read(text.getBytes(StandardCharsets.UTF_8), "panel.csv");
    }

    private static List<String> cells(RawTable t, int i) {
        return t.rows().get(i).cells();
    }

    @Test
    void readsPlainCsvWithRowNumbersFromTwo() {
        RawTable t = csv("province,year,gdp\nBeijing,2015,1.5\nBeijing,2016,2.5\n");
        assertEquals(List.of("province", "year", "gdp"), t.header());
        assertEquals(2, t.rowCount());
        assertEquals(2, t.rows().get(0).rowNumber());
        assertEquals(3, t.rows().get(1).rowNumber());
        assertEquals(List.of("Beijing", "2016", "2.5"), cells(t, 1));
        assertEquals(UploadFormat.CSV, t.format());
    }

    @Test
    void stripsUtf8ByteOrderMark() {
        byte[] body = "省份,year\n北京市,2015\n".getBytes(StandardCharsets.UTF_8);
        byte[] data = new byte[body.length + 3];
        data[0] = (byte) 0xEF;
        data[1] = (byte) 0xBB;
        data[2] = (byte) 0xBF;
        System.arraycopy(body, 0, data, 3, body.length);
        RawTable t = reader.read(data, "p.csv");
        assertEquals(List.of("省份", "year"), t.header());
        assertEquals("北京市", cells(t, 0).get(0));
    }

    @Test
    void decodesGbkEncodedChinese() {
        byte[] gbk = "省份,年份,gdp\n北京市,2015,1\n上海市,2015,2\n".getBytes(Charset.forName("GBK"));
        RawTable t = reader.read(gbk, "p.csv");
        assertEquals(List.of("省份", "年份", "gdp"), t.header());
        assertEquals("上海市", cells(t, 1).get(0));
    }

    @Test
    void decodesUtf16WithByteOrderMarkAsExcelUnicodeText() {
        byte[] body = "unit\tyear\n甲\t2015\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] data = new byte[body.length + 2];
        data[0] = (byte) 0xFF;
        data[1] = (byte) 0xFE;
        System.arraycopy(body, 0, data, 2, body.length);
        RawTable t = reader.read(data, "p.txt");
        assertEquals(List.of("甲", "2015"), cells(t, 0));
    }

    @Test
    void acceptsCrLfAndLoneCrLineEnds() {
        RawTable crlf = csv("a,b\r\n1,2\r\n3,4\r\n");
        assertEquals(List.of("3", "4"), cells(crlf, 1));
        assertEquals(3, crlf.rows().get(1).rowNumber());
        RawTable cr = csv("a,b\r1,2\r3,4");
        assertEquals(List.of("3", "4"), cells(cr, 1));
    }

    @Test
    void readsQuotedFieldsWithSeparatorsQuotesAndNewlines() {
        RawTable t = csv("name,note,x\n\"Smith, J\",\"said \"\"hi\"\"\nand left\",1\nB,plain,2\n");
        assertEquals(List.of("Smith, J", "said \"hi\"\nand left", "1"), cells(t, 0));
        // the quoted newline does not shift the next row number
        assertEquals(3, t.rows().get(1).rowNumber());
    }

    @Test
    void sniffsSemicolonAndTabSeparators() {
        RawTable semi = csv("unit;year;gdp\nA;2015;1.5\n");
        assertEquals(List.of("A", "2015", "1.5"), cells(semi, 0));
        RawTable tab = csv("unit\tyear\tgdp\nA\t2015\t1.5\n");
        assertEquals(List.of("A", "2015", "1.5"), cells(tab, 0));
    }

    @Test
    void readsMissingTokensAsNullAndTrimsWhitespace() {
        RawTable t = csv("u,a,b,c,d,e,f,g,h\n  A  ,,NA,n/a,.,-,NaN,#N/A, 7 \n");
        List<String> row = cells(t, 0);
        assertEquals("A", row.get(0));
        for (int c = 1; c <= 7; c++) {
            assertNull(row.get(c), "column " + t.header().get(c));
        }
        assertEquals("7", row.get(8));
    }

    @Test
    void skipsBlankAndTrailingEmptyLinesKeepingRowNumbers() {
        RawTable t = csv("a,b\n1,2\n\n3,4\n,\n\n\n");
        assertEquals(2, t.rowCount());
        assertEquals(4, t.rows().get(1).rowNumber());
    }

    @Test
    void toleratesTrailingSeparatorsAndNamelessEmptyTrailingColumns() {
        RawTable t = csv("a,b,\n1,2,\n3,4,\n");
        assertEquals(List.of("a", "b"), t.header());
        assertEquals(List.of("3", "4"), cells(t, 1));
    }

    @Test
    void rejectsEmptyFile() {
        UploadProblem p = assertThrows(UploadProblem.class, () -> reader.read(new byte[0], "p.csv"));
        assertEquals("Empty file", p.title());
        UploadProblem blank = assertThrows(UploadProblem.class, () -> csv("\n\n  \n"));
        assertEquals("Empty file", blank.title());
    }

    @Test
    void rejectsHeaderOnlyFile() {
        UploadProblem p = assertThrows(UploadProblem.class, () -> csv("province,year,gdp\n\n"));
        assertEquals("No data rows", p.title());
    }

    @Test
    void rejectsDuplicateAndEmptyHeaderNames() {
        UploadProblem dup = assertThrows(UploadProblem.class, () -> csv("a,b,a\n1,2,3\n"));
        assertEquals("Duplicate column name", dup.title());
        assertEquals("a", dup.column());
        assertTrue(dup.detail().contains("columns 1 and 3"), dup.detail());
        UploadProblem empty = assertThrows(UploadProblem.class, () -> csv("a,,c\n1,2,3\n"));
        assertEquals("Empty column name", empty.title());
        assertTrue(empty.detail().contains("column 2"), empty.detail());
    }

    @Test
    void rejectsRaggedRowsNamingRowAndFieldCounts() {
        UploadProblem p = assertThrows(UploadProblem.class, () -> csv("a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11,12\n"));
        assertEquals("Ragged row", p.title());
        assertEquals(3, p.row());
        assertTrue(p.detail().contains("row 3") && p.detail().contains("has 2 fields but the header has 3"), p.detail());
        assertEquals(2, p.totalProblems());
        assertEquals(5, p.alsoFound().get(0).row());
        assertTrue(p.detail().contains("and 1 more problem"), p.detail());
    }

    @Test
    void rejectsUnclosedQuoteNamingItsRow() {
        UploadProblem p = assertThrows(UploadProblem.class, () -> csv("a,b\n1,2\n3,\"open\n5,6\n"));
        assertEquals(3, p.row());
    }

    @Test
    void rejectsFilesOverTheSizeLimit() {
        UploadReader small = new UploadReader(new UploadLimits(10));
        UploadProblem p = assertThrows(UploadProblem.class,
                () -> small.read("a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8), "p.csv"));
        assertEquals("File too large", p.title());
        assertEquals(413, p.status());
        assertEquals("the uploaded file 'p.csv' has 12 bytes; the limit is 10 bytes (0.0 MiB, panelflow.upload.max-bytes)",
                p.detail());
        assertEquals(1024L * 1024 * 1024, UploadLimits.DEFAULT.maxBytes());
    }

    @Test
    void rejectsBytesThatAreNeitherUtf8NorGb18030() {
        byte[] bad = {'a', ',', 'b', '\n', (byte) 0x81, (byte) 0x20, ',', '1', '\n'};
        UploadProblem p = assertThrows(UploadProblem.class, () -> reader.read(bad, "p.csv"));
        assertEquals("Unreadable text encoding", p.title());
    }

    @Test
    void rejectsFileNamedXlsxThatIsNotAZipAndOldXls() {
        assertThrows(UploadProblem.class, () -> reader.read("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), "p.xlsx"));
        byte[] xls = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0, 0, 0};
        UploadProblem p = assertThrows(UploadProblem.class, () -> reader.read(xls, "p.xls"));
        assertEquals("Unsupported file format", p.title());
    }

    @Test
    void readsXlsxWithNumbersFormulasDatesAndBlankRows() throws IOException {
        byte[] data;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("panel");
            CellStyle dateStyle = wb.createCellStyle();
            dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            Row h = sheet.createRow(0);
            h.createCell(0).setCellValue("province");
            h.createCell(1).setCellValue("year");
            h.createCell(2).setCellValue("gdp");
            h.createCell(3).setCellValue("pop");
            h.createCell(4).setCellValue("pgdp");
            Row r1 = sheet.createRow(1);
            r1.createCell(0).setCellValue("北京市");
            r1.createCell(1).setCellValue(2015);
            r1.createCell(2).setCellValue(0.1);
            r1.createCell(3).setCellValue(4);
            r1.createCell(4).setCellFormula("C2/D2");
            // row 3 left blank; row 4 has a date cell for the year and a text NA
            Row r3 = sheet.createRow(3);
            r3.createCell(0).setCellValue("  上海市 ");
            var date = r3.createCell(1);
            date.setCellValue(LocalDate.of(2016, 1, 1));
            date.setCellStyle(dateStyle);
            r3.createCell(2).setCellValue("NA");
            r3.createCell(3).setCellValue(2.5e-7);
            Row r4 = sheet.createRow(4);
            r4.createCell(0).setCellValue("天津市");
            var typedYear = r4.createCell(1);
            typedYear.setCellValue(2017);
            typedYear.setCellStyle(dateStyle);
            r4.createCell(3).setCellValue(3);
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            Sheet other = wb.createSheet("other");
            other.createRow(0).createCell(0).setCellValue("x");
            other.createRow(1).createCell(0).setCellValue("y");
            wb.write(out);
            data = out.toByteArray();
        }
        // content decides: the name says csv, the bytes are a zip
        RawTable t = reader.read(data, "upload.csv");
        assertEquals(UploadFormat.XLSX, t.format());
        assertEquals("panel", t.sheet());
        assertEquals(List.of("province", "year", "gdp", "pop", "pgdp"), t.header());
        assertEquals(3, t.rowCount());
        assertEquals(List.of("北京市", "2015", "0.1", "4", "0.025"), cells(t, 0));
        assertEquals(4, t.rows().get(1).rowNumber());
        assertArrayEquals(new String[]{"上海市", "2016", null, "2.5E-7", null}, cells(t, 1).toArray());
        assertArrayEquals(new String[]{"天津市", "2017", null, "3", null}, cells(t, 2).toArray());

        RawTable other = reader.read(data, "upload.xlsx", "other");
        assertEquals(List.of("x"), other.header());
        UploadProblem missingSheet = assertThrows(UploadProblem.class, () -> reader.read(data, "u.xlsx", "nope"));
        assertEquals("Missing worksheet", missingSheet.title());
    }

    @Test
    void rejectsXlsxValueBeyondTheHeader() throws IOException {
        byte[] data;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet();
            Row h = sheet.createRow(0);
            h.createCell(0).setCellValue("a");
            h.createCell(1).setCellValue("b");
            Row r = sheet.createRow(1);
            r.createCell(0).setCellValue(1);
            r.createCell(3).setCellValue("stray");
            wb.write(out);
            data = out.toByteArray();
        }
        UploadProblem p = assertThrows(UploadProblem.class, () -> reader.read(data, "u.xlsx"));
        assertEquals("Ragged row", p.title());
        assertEquals(2, p.row());
        assertEquals("stray", p.value());
    }
}
