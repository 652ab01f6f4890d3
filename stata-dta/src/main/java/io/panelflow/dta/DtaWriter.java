package io.panelflow.dta;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
     * The same bytes as {@link #write118(List, int, String, LocalDateTime)}, written to {@code out} as they are
     * made, so a dataset of millions of rows never sits in memory as one array; {@code out} is not closed.
     */
    public static void write118(List<Column> columns, int rows, String dataLabel, LocalDateTime timestamp,
                                OutputStream out) throws IOException {
        write(118, columns, rows, dataLabel, timestamp, out);
    }

    /**
     * Formats 117 (Latin-1 text, narrower fields), 118 and 119 (4-byte variable count) share this layout; only
     * 118 is written by panelflow, the others exercise the reader.
     */
    static byte[] write(int release, List<Column> columns, int rows, String dataLabel, LocalDateTime timestamp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(release, columns, rows, dataLabel, timestamp, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The file's map (the offset of each section) comes before the sections, so the layout is made twice: once
     * into nothing, counting, to learn the offsets, then into {@code target} with the map filled in.
     */
    static void write(int release, List<Column> columns, int rows, String dataLabel, LocalDateTime timestamp,
                      OutputStream target) throws IOException {
        if (release < 117 || release > 119) {
            throw new IllegalArgumentException("release " + release);
        }
        java.nio.charset.Charset cs = release == 117 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
        if (columns.size() > 32_767 && release != 119) {
            throw new IllegalArgumentException("format " + release + " holds at most 32767 variables");
        }
        int k = columns.size();
        int[] widths = new int[k];
        for (int j = 0; j < k; j++) {
            Column c = columns.get(j);
            if ((c.isText() ? c.texts().length : c.numbers().length) != rows) {
                throw new IllegalArgumentException("column '" + c.name() + "' does not have " + rows + " values");
            }
            if (c.isText()) {
                int w = 1;
                for (int i = 0; i < rows; i++) {
                    w = Math.max(w, encode(c.texts()[i], cs).length);
                }
                widths[j] = w;
            }
        }
        long[] map = new long[14];
        Layout layout = new Layout(release, columns, rows, dataLabel, timestamp, cs, widths);
        layout.emit(new Out(OutputStream.nullOutputStream()), map);
        Out out = new Out(target);
        layout.emit(out, map);
        out.flush();
    }

    private static byte[] encode(String s, java.nio.charset.Charset cs) {
        return s == null ? new byte[0] : s.getBytes(cs);
    }

    /** What one dataset is made of, and its layout written section by section. */
    private record Layout(int release, List<Column> columns, int rows, String dataLabel, LocalDateTime timestamp,
                          java.nio.charset.Charset cs, int[] widths) {

        /** Writes the file with {@code map} as its map, and records each section's offset in {@code map}. */
        void emit(Out out, long[] map) throws IOException {
            boolean v117 = release == 117;
            boolean v119 = release == 119;
            int k = columns.size();
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
            for (int i = 0; i < 14; i++) {
                out.u64(map[i]);
            }
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
            for (Column c : columns) {
                out.fixed(c.name(), nameWidth, cs);
            }
            out.ascii("</varnames>");
            map[4] = out.size();
            out.ascii("<sortlist>");
            out.zeros((v119 ? 4 : 2) * (k + 1));
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
            for (Column c : columns) {
                out.fixed(c.valueLabels() == null ? "" : c.name(), nameWidth, cs);
            }
            out.ascii("</value_label_names>");
            map[7] = out.size();
            out.ascii("<variable_labels>");
            for (Column c : columns) {
                out.fixed(truncate(c.label() == null ? "" : c.label(), 80), v117 ? 81 : 321, cs);
            }
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
                        byte[] b = encode(c.texts()[i], cs);
                        out.bytes(b);
                        out.zeros(widths[j] - b.length);
                    } else if (c.texts()[i] == null || c.texts()[i].isEmpty()) {
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
                    if (columns.get(j).isText() && widths[j] > MAX_STR) {
                        byte[] b = encode(columns.get(j).texts()[i], cs);
                        if (b.length > 0) {
                            out.ascii("GSO");
                            out.u32(j + 1L);
                            if (v117) {
                                out.u32(i + 1L);
                            } else {
                                out.u64(i + 1L);
                            }
                            out.u8(130);
                            out.u32(b.length + 1L);
                            out.bytes(b);
                            out.u8(0);
                        }
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
                    out.zeros(3);
                    out.bytes(table);
                    out.ascii("</lbl>");
                }
            }
            out.ascii("</value_labels>");
            map[12] = out.size();
            out.ascii("</stata_dta>");
            map[13] = out.size();
        }
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

    /** A little-endian byte sink that buffers, counts what it was given and passes it on to a stream. */
    private static final class Out {
        private final OutputStream sink;
        private final byte[] buffer = new byte[1 << 16];
        private final ByteBuffer view = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
        private long flushed;

        Out(OutputStream sink) {
            this.sink = sink;
        }

        long size() {
            return flushed + view.position();
        }

        void flush() throws IOException {
            sink.write(buffer, 0, view.position());
            flushed += view.position();
            view.clear();
        }

        private void room(int n) throws IOException {
            if (view.remaining() < n) {
                flush();
            }
        }

        void ascii(String s) throws IOException {
            bytes(s.getBytes(StandardCharsets.US_ASCII));
        }

        void bytes(byte[] b) throws IOException {
            if (b.length > buffer.length) {
                flush();
                sink.write(b);
                flushed += b.length;
                return;
            }
            room(b.length);
            view.put(b);
        }

        void zeros(int n) throws IOException {
            for (int left = n; left > 0; ) {
                room(1);
                int now = Math.min(left, view.remaining());
                Arrays.fill(buffer, view.position(), view.position() + now, (byte) 0);
                view.position(view.position() + now);
                left -= now;
            }
        }

        void fixed(String s, int width, java.nio.charset.Charset cs) throws IOException {
            byte[] b = s.getBytes(cs);
            if (b.length >= width) {
                throw new IllegalArgumentException("'" + s + "' does not fit in " + (width - 1) + " bytes");
            }
            bytes(b);
            zeros(width - b.length);
        }

        void u8(int v) throws IOException {
            room(1);
            view.put((byte) v);
        }

        void u16(int v) throws IOException {
            room(2);
            view.putShort((short) v);
        }

        void u32(long v) throws IOException {
            room(4);
            view.putInt((int) v);
        }

        void u64(long v) throws IOException {
            room(8);
            view.putLong(v);
        }

        void f64(double v) throws IOException {
            room(8);
            view.putDouble(v);
        }
    }
}
