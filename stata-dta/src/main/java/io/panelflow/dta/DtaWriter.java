package io.panelflow.dta;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Writes a dataset in format 118 (Stata 14 and later), little-endian ({@code LSF}), laid out as {@link DtaReader}
 * describes: numeric columns as {@code double} (a missing value as Stata's {@code .}), text columns as
 * {@code str#} of the longest value's UTF-8 length (at least 1), or as {@code strL} when that exceeds 2045 bytes;
 * a missing text is the empty string (Stata has no missing string); value labels where a column has them. No
 * characteristics or sort order. Variable names must be valid Stata names (see the caller); each variable's label is given by the caller
 * (at most 80 characters are kept).
 */
public final class DtaWriter {
    /** Stata's system missing value {@code .} as a double. */
    public static final double MISSING = Double.longBitsToDouble(0x7fe0000000000000L);
    static final int MAX_STR = 2045;

    private DtaWriter() {
    }

    /**
     * A column: {@code numbers} (NaN = missing) or {@code texts} (null = missing), one of them null; a numeric
     * column may carry value labels (a set named after the column).
     */
    public record Column(String name, String label, double[] numbers, String[] texts, Map<Integer, String> valueLabels) {
        public static Column numeric(String name, String label, double[] values) {
            return new Column(name, label, values, null, null);
        }

        public static Column text(String name, String label, String[] values) {
            return new Column(name, label, null, values, null);
        }

        /** Whole-number codes with a label for each code, as Stata's {@code encode} makes them. */
        public static Column labelled(String name, String label, double[] codes, Map<Integer, String> labels) {
            return new Column(name, label, codes, null, new LinkedHashMap<>(labels));
        }

        boolean isText() {
            return texts != null;
        }
    }

    public static byte[] write118(List<Column> columns, int rows, String dataLabel, LocalDateTime timestamp) {
        return write(118, columns, rows, dataLabel, timestamp);
    }

    /**
     * Formats 117 (Latin-1 text, narrower fields), 118 and 119 (4-byte variable count) share this layout; only
     * 118 is written by panelflow, the others exercise the reader.
     */
    static byte[] write(int release, List<Column> columns, int rows, String dataLabel, LocalDateTime timestamp) {
        if (release < 117 || release > 119) {
            throw new IllegalArgumentException("release " + release);
        }
        boolean v117 = release == 117;
        boolean v119 = release == 119;
        java.nio.charset.Charset cs = v117 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
        if (columns.size() > 32_767 && !v119) {
            throw new IllegalArgumentException("format " + release + " holds at most 32767 variables");
        }
        int k = columns.size();
        int[] widths = new int[k];
        byte[][][] encoded = new byte[k][][];
        for (int j = 0; j < k; j++) {
            Column c = columns.get(j);
            if ((c.isText() ? c.texts().length : c.numbers().length) != rows) {
                throw new IllegalArgumentException("column '" + c.name() + "' does not have " + rows + " values");
            }
            if (c.isText()) {
                encoded[j] = new byte[rows][];
                int w = 1;
                for (int i = 0; i < rows; i++) {
                    String s = c.texts()[i];
                    encoded[j][i] = s == null ? new byte[0] : s.getBytes(cs);
                    w = Math.max(w, encoded[j][i].length);
                }
                widths[j] = w;
            }
        }
        Out out = new Out();
        long[] map = new long[14];
        out.ascii("<stata_dta>");
        out.ascii("<header><release>" + release + "</release><byteorder>LSF</byteorder><K>");
        if (v119) {
            out.u32(k);
        } else {
            out.u16(k);
        }
        out.ascii("</K><N>");
        if (v117) {
            out.u32(rows);
        } else {
            out.u64(rows);
        }
        out.ascii("</N><label>");
        byte[] label = truncate(dataLabel == null ? "" : dataLabel, 80).getBytes(cs);
        if (v117) {
            out.u8(label.length);
        } else {
            out.u16(label.length);
        }
        out.bytes(label);
        out.ascii("</label><timestamp>");
        String ts = timestamp.format(DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm", Locale.ENGLISH));
        out.u8(ts.length());
        out.ascii(ts);
        out.ascii("</timestamp></header>");
        map[1] = out.size();
        out.ascii("<map>");
        int mapAt = out.size();
        out.bytes(new byte[14 * 8]);
        out.ascii("</map>");
        map[2] = out.size();
        out.ascii("<variable_types>");
        for (int j = 0; j < k; j++) {
            Column c = columns.get(j);
            out.u16(!c.isText() ? 65526 : widths[j] <= MAX_STR ? widths[j] : 32768);
        }
        out.ascii("</variable_types>");
        map[3] = out.size();
        out.ascii("<varnames>");
        int nameWidth = v117 ? 33 : 129;
        columns.forEach(c -> out.fixed(c.name(), nameWidth, cs));
        out.ascii("</varnames>");
        map[4] = out.size();
        out.ascii("<sortlist>");
        out.bytes(new byte[(v119 ? 4 : 2) * (k + 1)]);
        out.ascii("</sortlist>");
        map[5] = out.size();
        out.ascii("<formats>");
        for (int j = 0; j < k; j++) {
            Column c = columns.get(j);
            out.fixed(!c.isText() ? "%10.0g" : widths[j] <= MAX_STR ? "%-" + Math.min(widths[j], 244) + "s" : "%9s",
                    v117 ? 49 : 57, cs);
        }
        out.ascii("</formats>");
        map[6] = out.size();
        out.ascii("<value_label_names>");
        columns.forEach(c -> out.fixed(c.valueLabels() == null ? "" : c.name(), nameWidth, cs));
        out.ascii("</value_label_names>");
        map[7] = out.size();
        out.ascii("<variable_labels>");
        columns.forEach(c -> out.fixed(truncate(c.label() == null ? "" : c.label(), 80), v117 ? 81 : 321, cs));
        out.ascii("</variable_labels>");
        map[8] = out.size();
        out.ascii("<characteristics></characteristics>");
        map[9] = out.size();
        out.ascii("<data>");
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < k; j++) {
                Column c = columns.get(j);
                if (!c.isText()) {
                    double v = c.numbers()[i];
                    out.f64(Double.isFinite(v) ? v : MISSING);
                } else if (widths[j] <= MAX_STR) {
                    out.bytes(Arrays.copyOf(encoded[j][i], widths[j]));
                } else if (encoded[j][i].length == 0) {
                    out.u64(0);
                } else {
                    int vBits = v117 ? 32 : v119 ? 24 : 16;   // v in the first 4, 2 or 3 bytes, o in the rest
                    out.u64((j + 1L) | ((i + 1L) << vBits));
                }
            }
        }
        out.ascii("</data>");
        map[10] = out.size();
        out.ascii("<strls>");
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < k; j++) {
                if (columns.get(j).isText() && widths[j] > MAX_STR && encoded[j][i].length > 0) {
                    out.ascii("GSO");
                    out.u32(j + 1L);
                    if (v117) {
                        out.u32(i + 1L);
                    } else {
                        out.u64(i + 1L);
                    }
                    out.u8(130);
                    out.u32(encoded[j][i].length + 1L);
                    out.bytes(encoded[j][i]);
                    out.u8(0);
                }
            }
        }
        out.ascii("</strls>");
        map[11] = out.size();
        out.ascii("<value_labels>");
        for (Column c : columns) {
            if (c.valueLabels() != null) {
                byte[] table = labelTable(c.valueLabels(), cs);
                out.ascii("<lbl>");
                out.u32(table.length);
                out.fixed(c.name(), nameWidth, cs);
                out.bytes(new byte[3]);
                out.bytes(table);
                out.ascii("</lbl>");
            }
        }
        out.ascii("</value_labels>");
        map[12] = out.size();
        out.ascii("</stata_dta>");
        map[13] = out.size();
        byte[] file = out.toByteArray();
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 14; i++) {
            b.putLong(mapAt + 8 * i, map[i]);
        }
        return file;
    }

    /** n, txtlen, off[n], val[n], txt: the labels NUL-terminated, in the map's order. */
    private static byte[] labelTable(Map<Integer, String> labels, java.nio.charset.Charset cs) {
        ByteArrayOutputStream txt = new ByteArrayOutputStream();
        int n = labels.size();
        ByteBuffer head = ByteBuffer.allocate(8 + 8 * n).order(ByteOrder.LITTLE_ENDIAN);
        int[] offsets = new int[n];
        int[] values = new int[n];
        int i = 0;
        for (Map.Entry<Integer, String> e : labels.entrySet()) {
            offsets[i] = txt.size();
            values[i] = e.getKey();
            byte[] b = e.getValue().getBytes(cs);
            txt.write(b, 0, b.length);
            txt.write(0);
            i++;
        }
        head.putInt(n).putInt(txt.size());
        for (int o : offsets) {
            head.putInt(o);
        }
        for (int v : values) {
            head.putInt(v);
        }
        byte[] out = Arrays.copyOf(head.array(), head.capacity() + txt.size());
        System.arraycopy(txt.toByteArray(), 0, out, head.capacity(), txt.size());
        return out;
    }

    /** At most {@code chars} code points. */
    private static String truncate(String s, int chars) {
        return s.codePointCount(0, s.length()) <= chars ? s : s.substring(0, s.offsetByCodePoints(0, chars));
    }

    /** A little-endian byte sink. */
    private static final class Out extends ByteArrayOutputStream {
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        void ascii(String s) {
            bytes(s.getBytes(StandardCharsets.US_ASCII));
        }

        void bytes(byte[] b) {
            write(b, 0, b.length);
        }

        void fixed(String s, int width, java.nio.charset.Charset cs) {
            byte[] b = s.getBytes(cs);
            if (b.length >= width) {
                throw new IllegalArgumentException("'" + s + "' does not fit in " + (width - 1) + " bytes");
            }
            bytes(Arrays.copyOf(b, width));
        }

        void u8(int v) {
            write(v);
        }

        void u16(int v) {
            scratch.clear();
            scratch.putShort((short) v);
            write(scratch.array(), 0, 2);
        }

        void u32(long v) {
            scratch.clear();
            scratch.putInt((int) v);
            write(scratch.array(), 0, 4);
        }

        void u64(long v) {
            scratch.clear();
            scratch.putLong(v);
            write(scratch.array(), 0, 8);
        }

        void f64(double v) {
            scratch.clear();
            scratch.putDouble(v);
            write(scratch.array(), 0, 8);
        }
    }
}
