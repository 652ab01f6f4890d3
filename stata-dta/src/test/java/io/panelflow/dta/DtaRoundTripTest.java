package io.panelflow.dta;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer's files read back by the reader (formats 117, 118, 119: Chinese text, long strings as strL, missing
 * numbers and texts, exact doubles), and a format 114 file built byte by byte after the documentation (big-endian,
 * every numeric type, each missing code, Latin-1 text, value labels).
 */
class DtaRoundTripTest {
    static final LocalDateTime AT = LocalDateTime.of(2026, 12, 3, 11, 15);

    static List<Object[]> read(byte[] file) throws IOException {
        Path p = Files.createTempFile("roundtrip", ".dta");
        try {
            Files.write(p, file);
            try (DtaReader r = DtaReader.open(p)) {
                List<Object[]> rows = new ArrayList<>();
                r.readRows((i, row) -> rows.add(row));
                return rows;
            }
        } finally {
            Files.deleteIfExists(p);
        }
    }

    static DtaReader open(byte[] file) throws IOException {
        Path p = Files.createTempFile("roundtrip", ".dta");
        Files.write(p, file);
        p.toFile().deleteOnExit();
        return DtaReader.open(p);
    }

    @Test
    void theWritersFilesReadBackExactly() throws IOException {
        String longText = "长".repeat(800) + "x";   // 2401 UTF-8 bytes: a strL
        List<DtaWriter.Column> columns = List.of(
                DtaWriter.Column.text("province", "province", new String[]{"北京", "Zürich", null}),
                DtaWriter.Column.numeric("year", "year", new double[]{2013, 2014, 2015}),
                DtaWriter.Column.numeric("log_pgdp", "log(pgdp)", new double[]{0.1 + 0.2, Double.NaN, -1e-300}),
                DtaWriter.Column.text("note", "note", new String[]{longText, "", "short"}));
        for (int release : new int[]{118, 119, 117}) {
            List<DtaWriter.Column> cols = release == 117
                    ? List.of(DtaWriter.Column.text("province", "province", new String[]{"Gen\u00e8ve", "Zürich", null}),
                    columns.get(1), columns.get(2), DtaWriter.Column.text("note", "note", new String[]{"a".repeat(3000), "", "short"}))
                    : columns;
            byte[] file = DtaWriter.write(release, cols, 3, "panelflow 面板", AT);
            try (DtaReader r = open(file)) {
                assertEquals(release, r.release());
                assertEquals(3, r.observations());
                assertEquals(List.of("province", "year", "log_pgdp", "note"), r.variables().stream().map(DtaVariable::name).toList());
                assertEquals("log(pgdp)", r.variables().get(2).label());
                assertEquals(DtaType.STRL, r.variables().get(3).type());
                assertEquals(DtaType.DOUBLE, r.variables().get(1).type());
                if (release != 117) {
                    assertEquals("panelflow 面板", r.dataLabel());
                }
            }
            List<Object[]> rows = read(file);
            assertEquals(cols.get(0).texts()[0], rows.get(0)[0]);
            assertEquals("Zürich", rows.get(1)[0]);
            assertEquals("", rows.get(2)[0], "a missing text is Stata's empty string");
            assertEquals(2013.0, rows.get(0)[1]);
            assertEquals(0.1 + 0.2, rows.get(0)[2], "bit for bit");
            assertEquals(null, rows.get(1)[2]);
            assertEquals(-1e-300, rows.get(2)[2]);
            assertEquals(cols.get(3).texts()[0], rows.get(0)[3]);
            assertEquals("", rows.get(1)[3]);
            assertEquals("short", rows.get(2)[3]);
        }
    }

    @Test
    void valueLabelsReadBack() throws IOException {
        byte[] file = DtaWriter.write118(List.of(DtaWriter.Column.labelled("province", "", new double[]{1, 2, Double.NaN},
                Map.of(1, "北京", 2, "天津"))), 3, "", AT);
        try (DtaReader r = open(file)) {
            assertEquals("province", r.variables().get(0).valueLabelName());
            assertEquals(Map.of("province", Map.of(1, "北京", 2, "天津")), r.valueLabels());
        }
        List<Object[]> rows = read(file);
        assertEquals(2.0, rows.get(1)[0]);
        assertEquals(null, rows.get(2)[0]);
    }

    @Test
    void aFormat118FileStartsAsStataWritesIt() {
        byte[] file = DtaWriter.write118(List.of(DtaWriter.Column.numeric("x", "", new double[]{1})), 1, "", AT);
        String start = new String(file, 0, 80, StandardCharsets.ISO_8859_1);
        assertTrue(start.startsWith("<stata_dta><header><release>118</release><byteorder>LSF</byteorder><K>\u0001\u0000</K><N>"), start);
        assertTrue(new String(file, StandardCharsets.ISO_8859_1).endsWith("<value_labels></value_labels></stata_dta>"));
        assertTrue(new String(file, StandardCharsets.ISO_8859_1).contains("<timestamp>\u001103 Dec 2026 11:15</timestamp>"));
        assertTrue(DtaReader.looksLikeDta(Arrays.copyOf(file, 4)));
    }

    /** Format 114, HILO, built after the documentation: header, descriptors, no expansion fields, data, value labels. */
    static byte[] format114() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);   // big-endian
        int nvar = 6;
        int nobs = 3;
        out.write(new byte[]{114, 1, 1, 0});
        out.writeShort(nvar);
        out.writeInt(nobs);
        out.write(fixed("Stata 10 file", 81));
        out.write(fixed("03 Dec 2026 11:15", 18));
        out.write(new byte[]{(byte) 251, (byte) 252, (byte) 253, (byte) 254, (byte) 255, 8});   // byte int long float double str8
        for (String n : List.of("b", "i", "l", "f", "d", "city")) {
            out.write(fixed(n, 33));
        }
        out.write(new byte[2 * (nvar + 1)]);
        for (String f : List.of("%8.0g", "%8.0g", "%12.0g", "%9.0g", "%10.0g", "%9s")) {
            out.write(fixed(f, 49));
        }
        for (String l : List.of("yesno", "", "", "", "", "")) {
            out.write(fixed(l, 33));
        }
        for (String l : List.of("a byte", "", "", "", "", "Stadt")) {
            out.write(fixed(l, 81));
        }
        out.write(new byte[5]);   // end of the expansion fields
        // row 1: valid values; row 2: system missing '.'; row 3: extended missing .a / .z
        out.writeByte(1);
        out.writeShort(-32767);
        out.writeInt(2147483620);
        out.writeFloat(0.1f);
        out.writeDouble(-2.5);
        out.write(fixed("Z\u00fcrich", 8));
        out.writeByte(101);
        out.writeShort(32741);
        out.writeInt(2147483621);
        out.writeInt(0x7f000000);
        out.writeLong(0x7fe0000000000000L);
        out.write(fixed("", 8));
        out.writeByte(127);
        out.writeShort(32767);
        out.writeInt(2147483647);
        out.writeInt(0x7f000800);
        out.writeLong(0x7fe01a0000000000L);
        out.write(fixed("Gen\u00e8ve", 8));
        // value labels "yesno": 0 = no, 1 = yes
        byte[] txt = "no\0yes\0".getBytes(StandardCharsets.ISO_8859_1);
        int len = 8 + 8 * 2 + txt.length;
        out.writeInt(len);
        out.write(fixed("yesno", 33));
        out.write(new byte[3]);
        out.writeInt(2);
        out.writeInt(txt.length);
        out.writeInt(0);
        out.writeInt(3);
        out.writeInt(0);
        out.writeInt(1);
        out.write(txt);
        return bytes.toByteArray();
    }

    static byte[] fixed(String s, int width) {
        return Arrays.copyOf(s.getBytes(StandardCharsets.ISO_8859_1), width);
    }

    @Test
    void format114EveryTypeEveryMissingCodeLatin1AndValueLabels() throws IOException {
        byte[] file = format114();
        assertTrue(DtaReader.looksLikeDta(Arrays.copyOf(file, 4)));
        try (DtaReader r = open(file)) {
            assertEquals(114, r.release());
            assertEquals("Stata 10 file", r.dataLabel());
            assertEquals(List.of(DtaType.BYTE, DtaType.INT, DtaType.LONG, DtaType.FLOAT, DtaType.DOUBLE, DtaType.STR),
                    r.variables().stream().map(DtaVariable::type).toList());
            assertEquals("Stadt", r.variables().get(5).label());
            assertEquals(Map.of("yesno", Map.of(0, "no", 1, "yes")), r.valueLabels());
            assertEquals("yesno", r.variables().get(0).valueLabelName());
        }
        List<Object[]> rows = read(file);
        assertArrayEquals(new Object[]{1.0, -32767.0, 2147483620.0, 0.1, -2.5, "Zürich"}, rows.get(0));
        assertArrayEquals(new Object[]{null, null, null, null, null, ""}, rows.get(1));
        assertArrayEquals(new Object[]{null, null, null, null, null, "Genève"}, rows.get(2));
    }

    @Test
    void format115IsTheSameLayoutAndOlderFormatsAreRefusedByName() throws IOException {
        byte[] file = format114();
        file[0] = 115;
        assertEquals(3, read(file).size());
        file[0] = 113;
        DtaFormatException e = assertThrows(DtaFormatException.class, () -> open(file));
        assertTrue(e.getMessage().contains("format 113 (Stata 8 or 9)"), e.getMessage());
    }

    @Test
    void aCutFileIsRefusedWithAReason() throws IOException {
        byte[] file = DtaWriter.write118(List.of(DtaWriter.Column.numeric("x", "", new double[]{1, 2, 3})), 3, "", AT);
        byte[] cut = Arrays.copyOf(file, file.length - 60);
        DtaFormatException e = assertThrows(DtaFormatException.class, () -> open(cut));
        assertFalse(e.getMessage().isBlank());
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, b.getShort("<stata_dta><header><release>118</release><byteorder>LSF</byteorder><K>".length()));
    }
}
