package io.panelflow.report.render;

import io.panelflow.report.figure.Figure;
import io.panelflow.report.table.Cell;
import io.panelflow.report.table.Row;
import io.panelflow.report.table.Table;
import io.panelflow.report.table.TableSection;
import io.panelflow.report.text.ReportText;
import org.apache.poi.common.usermodel.PictureType;
import org.apache.poi.util.Units;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.TableWidthType;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBorder;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblBorders;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcBorders;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STBorder;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A Word document: headings, paragraphs, real Word tables drawn as three-line tables (a thick rule
 * above and below, a thin rule under the header and between sections, spanning header cells
 * merged), figures embedded as PNG, the spec in a monospace font. Latin text is in Times New Roman; a Chinese
 * report sets SimSun (宋体) as the East Asian font of every run and of the document defaults, with Times New
 * Roman as the ASCII and high-ANSI font, as Chinese journals ask. One instance renders one document at a time.
 */
public final class DocxRenderer {

    /** Latin text: the ASCII and high-ANSI font of every run. */
    public static final String FONT = "Times New Roman";
    /** Chinese text in a Chinese report: the East Asian font of every run. */
    public static final String CJK_FONT = "SimSun";
    private static final int THICK = 12;
    private static final int THIN = 6;

    private ReportText text = ReportText.ENGLISH;

    public byte[] render(ReportContent content) {
        text = content.text();
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            if (text.isChinese()) {
                chineseDefaults(doc);
            }
            XWPFParagraph title = doc.createParagraph();
            title.setStyle("Title");
            title.setAlignment(ParagraphAlignment.CENTER);
            run(title, content.title(), 18, true, false);
            if (content.subtitle() != null && !content.subtitle().isBlank()) {
                XWPFParagraph sub = doc.createParagraph();
                sub.setAlignment(ParagraphAlignment.CENTER);
                run(sub, content.subtitle(), 11, false, true);
            }
            int tables = 0;
            int figures = 0;
            for (Section section : content.sections()) {
                XWPFParagraph h = doc.createParagraph();
                h.setStyle("Heading1");
                h.setSpacingBefore(240);
                run(h, section.title(), 14, true, false);
                for (Block block : section.blocks()) {
                    if (block instanceof Block.Paragraph p) {
                        run(doc.createParagraph(), p.text(), 11, false, false);
                    } else if (block instanceof Block.Facts f) {
                        for (String item : f.items()) {
                            XWPFParagraph para = doc.createParagraph();
                            para.setIndentationLeft(360);
                            run(para, "• " + item, 11, false, false);
                        }
                    } else if (block instanceof Block.TableBlock t) {
                        table(doc, t.table(), ++tables);
                    } else if (block instanceof Block.FigureBlock f) {
                        figure(doc, f.figure(), ++figures);
                    } else if (block instanceof Block.Code c) {
                        code(doc, c.text());
                    }
                }
            }
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    private XWPFRun run(XWPFParagraph p, String content, int size, boolean bold, boolean italic) {
        XWPFRun r = p.createRun();
        r.setFontFamily(FONT);
        if (text.isChinese()) {
            r.setFontFamily(FONT, XWPFRun.FontCharRange.ascii);
            r.setFontFamily(FONT, XWPFRun.FontCharRange.hAnsi);
            r.setFontFamily(CJK_FONT, XWPFRun.FontCharRange.eastAsia);
        }
        r.setFontSize(size);
        r.setBold(bold);
        r.setItalic(italic && !text.isChinese());   // Chinese type has no italics
        r.setText(content == null ? "" : content);
        return r;
    }

    /** The document defaults of a Chinese report: SimSun for East Asian text, Times New Roman for Latin, zh-CN. */
    private static void chineseDefaults(XWPFDocument doc) {
        XWPFStyles styles = doc.createStyles();
        CTFonts fonts = CTFonts.Factory.newInstance();
        fonts.setAscii(FONT);
        fonts.setHAnsi(FONT);
        fonts.setCs(FONT);
        fonts.setEastAsia(CJK_FONT);
        styles.setDefaultFonts(fonts);
        styles.setEastAsia("zh-CN");
    }

    private void table(XWPFDocument doc, Table table, int number) {
        XWPFParagraph caption = doc.createParagraph();
        caption.setAlignment(ParagraphAlignment.CENTER);
        caption.setKeepNext(true);
        caption.setSpacingBefore(200);
        run(caption, text.tableCaption(number, table.title()), 11, true, false);

        int columns = table.columnCount();
        List<List<Cell>> rows = new ArrayList<>();
        List<Boolean> sectionStarts = new ArrayList<>();
        List<Boolean> italicRows = new ArrayList<>();
        table.headers().forEach(h -> {
            rows.add(h);
            sectionStarts.add(false);
            italicRows.add(false);
        });
        int headerRows = rows.size();
        boolean firstSection = true;
        for (TableSection section : table.sections()) {
            boolean start = !firstSection;
            if (section.hasTitle()) {
                rows.add(List.of(Cell.spanning(section.title(), columns)));
                sectionStarts.add(start);
                italicRows.add(true);
                start = false;
            }
            for (Row row : section.rows()) {
                rows.add(row.cells());
                sectionStarts.add(start);
                italicRows.add(false);
                start = false;
            }
            firstSection = false;
        }

        XWPFTable t = doc.createTable();
        t.setWidthType(TableWidthType.PCT);
        t.setWidth("100%");
        noTableBorders(t);
        for (int r = 0; r < rows.size(); r++) {
            XWPFTableRow row = r == 0 ? t.getRow(0) : t.createRow();
            List<Cell> cells = rows.get(r);
            while (row.getTableCells().size() < cells.size()) {
                row.addNewTableCell();
            }
            while (row.getTableCells().size() > cells.size()) {
                row.removeCell(row.getTableCells().size() - 1);
            }
            if (r < headerRows) {
                row.setRepeatHeader(true);
            }
            for (int c = 0; c < cells.size(); c++) {
                Cell cell = cells.get(c);
                XWPFTableCell tc = row.getCell(c);
                CTTcPr pr = tc.getCTTc().isSetTcPr() ? tc.getCTTc().getTcPr() : tc.getCTTc().addNewTcPr();
                if (cell.span() > 1) {
                    pr.addNewGridSpan().setVal(BigInteger.valueOf(cell.span()));
                }
                XWPFParagraph p = tc.getParagraphs().get(0);
                p.setSpacingAfter(0);
                p.setAlignment(c == 0 || italicRows.get(r) ? ParagraphAlignment.LEFT : ParagraphAlignment.CENTER);
                run(p, cell.text(), 10, false, italicRows.get(r));
                CTTcBorders borders = pr.isSetTcBorders() ? pr.getTcBorders() : pr.addNewTcBorders();
                if (r == 0) {
                    border(borders.addNewTop(), THICK);
                }
                if (r == headerRows - 1) {
                    border(borders.addNewBottom(), THIN);
                } else if (r < headerRows - 1 && cell.span() > 1) {
                    border(borders.addNewBottom(), THIN);
                }
                if (sectionStarts.get(r)) {
                    border(borders.addNewTop(), THIN);
                }
                if (r == rows.size() - 1) {
                    border(borders.addNewBottom(), THICK);
                }
            }
        }
        if (!table.notes().isEmpty()) {
            XWPFParagraph notes = doc.createParagraph();
            notes.setSpacingBefore(60);
            run(notes, text.isChinese() ? text.notesLead() : text.notesLead() + " ", 9, false, !text.isChinese());
            run(notes, text.joinNotes(table.notes()), 9, false, false);
        }
    }

    private static void noTableBorders(XWPFTable t) {
        CTTblBorders b = t.getCTTbl().getTblPr().isSetTblBorders() ? t.getCTTbl().getTblPr().getTblBorders()
                : t.getCTTbl().getTblPr().addNewTblBorders();
        for (CTBorder border : new CTBorder[]{
                b.isSetTop() ? b.getTop() : b.addNewTop(), b.isSetBottom() ? b.getBottom() : b.addNewBottom(),
                b.isSetLeft() ? b.getLeft() : b.addNewLeft(), b.isSetRight() ? b.getRight() : b.addNewRight(),
                b.isSetInsideH() ? b.getInsideH() : b.addNewInsideH(), b.isSetInsideV() ? b.getInsideV() : b.addNewInsideV()}) {
            border.setVal(STBorder.NONE);
        }
    }

    private static void border(CTBorder border, int eighthsOfPoint) {
        border.setVal(STBorder.SINGLE);
        border.setSz(BigInteger.valueOf(eighthsOfPoint));
        border.setColor("000000");
    }

    private void figure(XWPFDocument doc, Figure figure, int number)
            throws IOException, org.apache.poi.openxml4j.exceptions.InvalidFormatException {
        XWPFParagraph p = doc.createParagraph();
        p.setAlignment(ParagraphAlignment.CENTER);
        p.setKeepNext(true);
        double widthPt = 430;
        double heightPt = widthPt * figure.chart().height() / figure.chart().width();
        p.createRun().addPicture(new ByteArrayInputStream(figure.png()), PictureType.PNG, figure.fileName(),
                Units.toEMU(widthPt), Units.toEMU(heightPt));
        XWPFParagraph caption = doc.createParagraph();
        caption.setAlignment(ParagraphAlignment.CENTER);
        run(caption, text.figureCaption(number, figure.caption()), 10, true, false);
        if (figure.notes() != null) {
            XWPFParagraph notes = doc.createParagraph();
            notes.setAlignment(ParagraphAlignment.CENTER);
            run(notes, figure.notes(), 9, false, true);
        }
    }

    private static void code(XWPFDocument doc, String text) {
        XWPFParagraph p = doc.createParagraph();
        p.setSpacingAfter(0);
        XWPFRun r = p.createRun();
        r.setFontFamily("Courier New");
        r.setFontSize(8);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            r.setText(lines[i], i);
            if (i < lines.length - 1) {
                r.addBreak();
            }
        }
    }
}
