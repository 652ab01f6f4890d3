package io.panelflow.ingest.upload;

import io.panelflow.model.spec.SpecLimits;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every upload limit stops the reader at the first record over it, with a 413 naming the limit and its key. */
class UploadLimitsReaderTest {
    private static final UploadLimits SMALL = new UploadLimits(1 << 20).withRows(3, 4, 12);

    @TempDir
    Path dir;

    private static RawTable csv(UploadLimits limits, String text) {
        return new UploadReader(limits).read(text.getBytes(StandardCharsets.UTF_8), "p.csv");
    }

    @Test
    void csvRowsOverTheLimitAreRefused() {
        assertEquals(3, csv(SMALL, "a,b\n1,2\n3,4\n\n5,6\n").rowCount(), "blank lines are not rows");
        UploadProblem p = assertThrows(UploadProblem.class, () -> csv(SMALL, "a,b\n1,2\n3,4\n5,6\n7,8\n"));
        assertEquals(413, p.status());
        assertEquals("the file has more than 3 data rows; the limit is 3 (panelflow.limits.rows)", p.detail());
    }

    @Test
    void csvColumnsCellsAndCellLengthOverTheLimitAreRefused() {
        UploadProblem columns = assertThrows(UploadProblem.class, () -> csv(SMALL, "a,b,c,d,e\n1,2,3,4,5\n"));
        assertEquals("row 1 (row 1 is the header) has 5 columns; the limit is 4 (panelflow.limits.columns)",
                columns.detail());
        UploadProblem cells = assertThrows(UploadProblem.class,
                () -> csv(SMALL.withRows(10, 4, 5), "a,b,c\n1,2,3\n4,5,6\n"));
        assertEquals("Too many cells", cells.title());
        UploadProblem longCell = assertThrows(UploadProblem.class,
                () -> csv(SMALL.withMaxCellChars(5), "a,b\n1,123456\n"));
        assertEquals("row 2 (row 1 is the header) has a value longer than 5 characters; the limit is 5"
                + " (panelflow.upload.max-cell-chars)", longCell.detail());
        UploadProblem openQuote = assertThrows(UploadProblem.class,
                () -> csv(SMALL.withMaxCellChars(5), "a,b\n1,\"never closed\n2,3\n"));
        assertTrue(openQuote.detail().contains("is a quote opened in this row never closed?"), openQuote.detail());
    }

    @Test
    void aGbkFileIsReadFromDiskAfterTheUtf8ReadingFails() {
        byte[] gbk = "省份,年份\n北京市,2015\n".getBytes(java.nio.charset.Charset.forName("GBK"));
        RawTable t = new UploadReader().read(gbk, "p.csv");
        assertEquals(List.of("省份", "年份"), t.header());
    }

    @Test
    void xlsxRowsAndColumnsOverTheLimitAreRefused() throws IOException {
        byte[] data;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = wb.createSheet("panel");
            for (int r = 0; r < 6; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < 3; c++) {
                    row.createCell(c).setCellValue(r == 0 ? "c" + c : Integer.toString(r * 10 + c));
                }
            }
            wb.write(out);
            data = out.toByteArray();
        }
        UploadProblem rows = assertThrows(UploadProblem.class, () -> new UploadReader(SMALL).read(data, "p.xlsx"));
        assertEquals(413, rows.status());
        assertEquals("the file has more than 3 data rows; the limit is 3 (panelflow.limits.rows)", rows.detail());
        UploadProblem columns = assertThrows(UploadProblem.class,
                () -> new UploadReader(SMALL.withRows(10, 2, 100)).read(data, "p.xlsx"));
        assertEquals("row 1 (row 1 is the header) has 3 columns; the limit is 2 (panelflow.limits.columns)",
                columns.detail());
        assertEquals(5, new UploadReader(new UploadLimits(1 << 20, SpecLimits.DEFAULT)).read(data, "p.xlsx").rowCount());
    }

    @Test
    void datesOfA1904WorkbookGiveTheirYear() throws IOException {
        byte[] data;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            (wb.getCTWorkbook().isSetWorkbookPr() ? wb.getCTWorkbook().getWorkbookPr() : wb.getCTWorkbook().addNewWorkbookPr()).setDate1904(true);
            var dateStyle = wb.createCellStyle();
            dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            var sheet = wb.createSheet("panel");
            sheet.createRow(0).createCell(0).setCellValue("year");
            var cell = sheet.createRow(1).createCell(0);
            cell.setCellValue(java.time.LocalDate.of(2016, 1, 1));
            cell.setCellStyle(dateStyle);
            wb.write(out);
            data = out.toByteArray();
        }
        assertEquals("2016", new UploadReader().read(data, "p.xlsx").rows().get(0).cell(0));
    }

    @Test
    void aDecompressionBombIsRefusedBeforeItIsInflated() throws IOException {
        Path bomb = XlsxBomb.write(dir.resolve("bomb.xlsx"), 50L * 1024 * 1024);
        assertTrue(Files.size(bomb) < 200 * 1024, "a few kilobytes on disk: " + Files.size(bomb));
        long start = System.nanoTime();
        UploadProblem p = assertThrows(UploadProblem.class, () -> new UploadReader().read(bomb, "bomb.xlsx", null));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused within seconds");
        assertEquals(413, p.status());
        assertEquals("Decompression bomb", p.title());
        assertTrue(p.detail().startsWith("the workbook's part xl/worksheets/sheet1.xml expands from "), p.detail());
        assertTrue(p.detail().endsWith("; the limit is a compression ratio of 0.01"
                + " (panelflow.upload.xlsx.min-inflate-ratio), so the file is refused as a decompression bomb"), p.detail());
    }

    @Test
    void poiRefusesTheBombOnTheBytesItInflatesTooAndThatIsNamedTheSameWay() throws Exception {
        Path bomb = XlsxBomb.write(dir.resolve("bomb.xlsx"), 20L * 1024 * 1024);
        ZipSecureFile.setMinInflateRatio(UploadLimits.DEFAULT.minInflateRatio());
        Exception e = assertThrows(Exception.class, () -> {
            try (OPCPackage pkg = OPCPackage.open(bomb.toFile(), PackageAccess.READ);
                 InputStream sheet = new XSSFReader(pkg).getSheetsData().next()) {
                sheet.readAllBytes();
            }
        });
        UploadProblem p = ZipEntryCheck.fromPoi(e, UploadLimits.DEFAULT);
        assertNotNull(p, "POI's refusal is recognised: " + e);
        assertEquals(413, p.status());
        assertTrue(p.detail().contains("panelflow.upload.xlsx.min-inflate-ratio"), p.detail());
        assertTrue(!p.detail().contains("Exception"), p.detail());
    }

    @Test
    void aDamagedWorkbookIsDescribedWithoutJavaNames() {
        byte[] notAZip = "PK\u0003\u0004 this is no workbook".getBytes(StandardCharsets.ISO_8859_1);
        UploadProblem p = assertThrows(UploadProblem.class, () -> new UploadReader().read(notAZip, "p.xlsx"));
        assertEquals("Unreadable workbook", p.title());
        assertTrue(!p.detail().matches("(?s).*(Exception|poi|java\\.).*"), p.detail());
    }
}
