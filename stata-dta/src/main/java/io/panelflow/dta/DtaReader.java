package io.panelflow.dta;

import java.io.Closeable;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Stata dataset of format 114 or 115 (Stata 10–12), 117 (Stata 13), 118 (Stata 14–18) or 119
 * (Stata 15–18, more than 32,767 variables), after Stata's documentation of the formats ({@code help dta},
 * "Description of .dta files").
 *
 * <p><b>Formats 114 and 115</b>: a binary header
 * <pre>
 *   ds_format 1 (114|115), byteorder 1 (1 = HILO, 2 = LOHI), filetype 1 (= 1), unused 1,
 *   nvar 2, nobs 4, data_label 81, time_stamp 18
 * </pre>
 * then the descriptors {@code typlist} (nvar × 1 byte, see {@link DtaType}), {@code varlist} (nvar × 33),
 * {@code srtlist} (2 × (nvar + 1)), {@code fmtlist} (nvar × 49), {@code lbllist} (nvar × 33), the variable labels
 * (nvar × 81), the expansion fields (records {@code type 1, len 4, contents}, ended by a type and length of 0), the
 * data (nobs records of the variables' widths, no padding) and the value labels up to the end of the file. Strings
 * are in the writer's code page: read as Latin-1 (ISO 8859-1).
 *
 * <p><b>Formats 117, 118, 119</b>: tagged sections
 * <pre>
 *   &lt;stata_dta&gt;&lt;header&gt;&lt;release&gt;118&lt;/release&gt;&lt;byteorder&gt;MSF|LSF&lt;/byteorder&gt;
 *     &lt;K&gt;nvar (2 bytes; 119: 4)&lt;/K&gt;&lt;N&gt;nobs (117: 4 bytes; 118, 119: 8)&lt;/N&gt;
 *     &lt;label&gt;length (117: 1 byte; else 2) + text&lt;/label&gt;&lt;timestamp&gt;length 1 + text&lt;/timestamp&gt;&lt;/header&gt;
 *   &lt;map&gt;14 offsets of 8 bytes: the sections' positions in the file&lt;/map&gt;
 *   &lt;variable_types&gt;nvar × 2&lt;/variable_types&gt;  &lt;varnames&gt;nvar × 33 (118, 119: 129)&lt;/varnames&gt;
 *   &lt;sortlist&gt;(nvar + 1) × 2 (119: 4)&lt;/sortlist&gt;  &lt;formats&gt;nvar × 49 (118, 119: 57)&lt;/formats&gt;
 *   &lt;value_label_names&gt;nvar × 33 (129)&lt;/value_label_names&gt;  &lt;variable_labels&gt;nvar × 81 (321)&lt;/variable_labels&gt;
 *   &lt;characteristics&gt;…&lt;/characteristics&gt;  &lt;data&gt;nobs records&lt;/data&gt;
 *   &lt;strls&gt;GSO v (4) o (117: 4; else 8) t (1: 129 binary, 130 text with a final NUL) len (4) contents …&lt;/strls&gt;
 *   &lt;value_labels&gt;&lt;lbl&gt;len 4, name 33 (129), padding 3, table&lt;/lbl&gt; …&lt;/value_labels&gt;&lt;/stata_dta&gt;
 * </pre>
 * A strL cell holds the 8-byte reference (v, o) of its GSO in the file's byte order: v in the first 4 bytes and
 * o in the last 4 (117), 2 and 6 (118), 3 and 5 (119); (0, 0) is the empty string. Strings are UTF-8 in 118 and
 * 119, Latin-1 in 117.
 *
 * <p><b>Value labels</b> (every format): a table {@code n 4, txtlen 4, off n × 4, val n × 4, txt txtlen}: value
 * {@code val[i]} is labelled by the NUL-terminated text at {@code txt + off[i]}.
 *
 * <p><b>Missing values</b>: the system missing value {@code .} and the extended ones {@code .a} … {@code .z} are
 * the top codes of each numeric type (see {@link DtaType}); all are read as null. NaN and infinities (which
 * Stata never writes) are read as null too.
 *
 * <p>The file is mapped read-only; the caller decides from {@link #variables()} and {@link #observations()}
 * whether to read the rows ({@link #readRows}) before any data is touched.
 */
public final class DtaReader implements Closeable {
    private static final String[] MAP_NAMES = {"<stata_dta>", "<map>", "<variable_types>", "<varnames>", "<sortlist>",
            "<formats>", "<value_label_names>", "<variable_labels>", "<characteristics>", "<data>", "<strls>",
            "<value_labels>", "</stata_dta>", "end of file"};

    private final FileChannel channel;
    private final ByteBuffer buf;
    private final int release;
    private final Charset charset;
    private final String dataLabel;
    private final List<DtaVariable> variables;
    private final long observations;
    private final long dataStart;
    private final Map<String, Map<Integer, String>> valueLabels = new LinkedHashMap<>();
    private final Map<StrlKey, String> strls = new HashMap<>();

    private record StrlKey(long v, long o) {
    }

    /** Whether the first bytes of a file are those of a dataset of format 114–119 (or an older one, to refuse by name). */
    public static boolean looksLikeDta(byte[] head) {
        if (head.length >= 4 && head[0] == '<' && head[1] == 's' && head[2] == 't' && head[3] == 'a') {
            return true;
        }
        return head.length >= 3 && (head[0] & 0xFF) >= 104 && (head[0] & 0xFF) <= 115 && (head[1] == 1 || head[1] == 2)
                && head[2] == 1;
    }

    public static DtaReader open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new DtaReader(channel);
        } catch (RuntimeException | IOException e) {
            channel.close();
            throw e;
        }
    }

    private DtaReader(FileChannel channel) throws IOException {
        this.channel = channel;
        if (channel.size() > Integer.MAX_VALUE) {
            throw new DtaFormatException("the file is larger than 2 GiB");
        }
        this.buf = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        try {
            if (buf.remaining() >= 11 && text(0, 11, StandardCharsets.US_ASCII).equals("<stata_dta>")) {
                this.release = taggedRelease();
                this.charset = charset(this.release);
                Header h = readTagged();
                this.dataLabel = h.label;
                this.variables = h.variables;
                this.observations = h.observations;
                this.dataStart = h.dataStart;
            } else {
                this.release = buf.get(0) & 0xFF;
                this.charset = StandardCharsets.ISO_8859_1;
                Header h = readBinary();
                this.dataLabel = h.label;
                this.variables = h.variables;
                this.observations = h.observations;
                this.dataStart = h.dataStart;
            }
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new DtaFormatException("the file ends inside its header or descriptors: it is cut short or not a Stata dataset");
        }
    }

    private record Header(String label, List<DtaVariable> variables, long observations, long dataStart) {
    }

    /** 114 | 115. */
    private Header readBinary() {
        if (release != 114 && release != 115) {
            throw new DtaFormatException("the file is a Stata dataset of format " + release + " (Stata "
                    + (release >= 113 ? "8 or 9" : "7 or older") + "); formats 114 to 119 (Stata 10 to 18) are read:"
                    + " save it again with Stata 10 or later");
        }
        int byteorder = buf.get(1);
        buf.order(byteorder == 1 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int nvar = Short.toUnsignedInt(buf.getShort(4));
        long nobs = Integer.toUnsignedLong(buf.getInt(6));
        String label = fixedText(10, 81);
        int pos = 109;
        DtaType[] types = new DtaType[nvar];
        int[] widths = new int[nvar];
        for (int j = 0; j < nvar; j++) {
            int code = buf.get(pos + j) & 0xFF;
            if (code >= 1 && code <= 244) {
                types[j] = DtaType.STR;
                widths[j] = code;
            } else {
                types[j] = switch (code) {
                    case 251 -> DtaType.BYTE;
                    case 252 -> DtaType.INT;
                    case 253 -> DtaType.LONG;
                    case 254 -> DtaType.FLOAT;
                    case 255 -> DtaType.DOUBLE;
                    default -> throw new DtaFormatException("variable " + (j + 1) + " has the unknown type code " + code);
                };
            }
        }
        pos += nvar;
        int names = pos;
        pos += nvar * 33;
        pos += 2 * (nvar + 1);
        int formats = pos;
        pos += nvar * 49;
        int labelNames = pos;
        pos += nvar * 33;
        int varLabels = pos;
        pos += nvar * 81;
        while (true) {
            int type = buf.get(pos) & 0xFF;
            int len = buf.getInt(pos + 1);
            pos += 5;
            if (type == 0 && len == 0) {
                break;
            }
            if (len < 0 || pos + (long) len > buf.limit()) {
                throw new DtaFormatException("an expansion field runs past the end of the file");
            }
            pos += len;
        }
        List<DtaVariable> vars = new ArrayList<>(nvar);
        for (int j = 0; j < nvar; j++) {
            vars.add(new DtaVariable(fixedText(names + j * 33, 33), types[j], widths[j], fixedText(formats + j * 49, 49),
                    fixedText(labelNames + j * 33, 33), fixedText(varLabels + j * 81, 81)));
        }
        long end = pos + nobs * recordWidth(vars);
        if (end > buf.limit()) {
            throw new DtaFormatException("the file holds fewer than the " + nobs + " observations its header announces");
        }
        int p = (int) end;
        while (p + 4 <= buf.limit()) {
            int len = buf.getInt(p);
            String name = fixedText(p + 4, 33);
            int table = p + 4 + 33 + 3;
            if (len < 0 || table + (long) len > buf.limit()) {
                throw new DtaFormatException("the value labels '" + name + "' run past the end of the file");
            }
            valueLabels.put(name, labelTable(table, len));
            p = table + len;
        }
        return new Header(label, Collections.unmodifiableList(vars), nobs, pos);
    }

    private int taggedRelease() {
        int pos = expect(0, "<stata_dta><header><release>");
        String r = text(pos, 3, StandardCharsets.US_ASCII);
        int rel;
        try {
            rel = Integer.parseInt(r);
        } catch (NumberFormatException e) {
            throw new DtaFormatException("the release '" + r + "' is not a number");
        }
        if (rel != 117 && rel != 118 && rel != 119) {
            throw new DtaFormatException("the file is a Stata dataset of format " + rel + "; formats 114 to 119 are read");
        }
        return rel;
    }

    /** 117 | 118 | 119. */
    private Header readTagged() {
        int rel = release;
        int pos = expect(0, "<stata_dta><header><release>");
        boolean v117 = rel == 117;
        boolean v119 = rel == 119;
        pos = expect(pos + 3, "</release><byteorder>");
        String order = text(pos, 3, StandardCharsets.US_ASCII);
        if (!order.equals("MSF") && !order.equals("LSF")) {
            throw new DtaFormatException("the byte order '" + order + "' is neither MSF nor LSF");
        }
        buf.order(order.equals("MSF") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        pos = expect(pos + 3, "</byteorder><K>");
        long nvarLong = v119 ? Integer.toUnsignedLong(buf.getInt(pos)) : Short.toUnsignedInt(buf.getShort(pos));
        pos += v119 ? 4 : 2;
        pos = expect(pos, "</K><N>");
        long nobs = v117 ? Integer.toUnsignedLong(buf.getInt(pos)) : buf.getLong(pos);
        pos += v117 ? 4 : 8;
        pos = expect(pos, "</N><label>");
        int labelLength = v117 ? buf.get(pos) & 0xFF : Short.toUnsignedInt(buf.getShort(pos));
        pos += v117 ? 1 : 2;
        String label = text(pos, labelLength, charset(rel));
        pos = expect(pos + labelLength, "</label><timestamp>");
        int tsLength = buf.get(pos) & 0xFF;
        pos = expect(pos + 1 + tsLength, "</timestamp></header><map>");
        long[] map = new long[14];
        for (int i = 0; i < 14; i++) {
            map[i] = buf.getLong(pos + 8 * i);
            if (map[i] < 0 || map[i] > buf.limit()) {
                throw new DtaFormatException("the map's offset of " + MAP_NAMES[i] + " lies outside the file");
            }
        }
        if (nvarLong > 1_000_000 || nobs < 0) {
            throw new DtaFormatException("the header announces " + nvarLong + " variables and " + nobs + " observations");
        }
        int nvar = (int) nvarLong;
        pos = expect((int) map[2], "<variable_types>");
        DtaType[] types = new DtaType[nvar];
        int[] widths = new int[nvar];
        for (int j = 0; j < nvar; j++) {
            int code = Short.toUnsignedInt(buf.getShort(pos + 2 * j));
            if (code >= 1 && code <= 2045) {
                types[j] = DtaType.STR;
                widths[j] = code;
            } else {
                types[j] = switch (code) {
                    case 32768 -> DtaType.STRL;
                    case 65526 -> DtaType.DOUBLE;
                    case 65527 -> DtaType.FLOAT;
                    case 65528 -> DtaType.LONG;
                    case 65529 -> DtaType.INT;
                    case 65530 -> DtaType.BYTE;
                    default -> throw new DtaFormatException("variable " + (j + 1) + " has the unknown type code " + code);
                };
            }
        }
        int nameWidth = v117 ? 33 : 129;
        int formatWidth = v117 ? 49 : 57;
        int labelWidth = v117 ? 81 : 321;
        int names = expect((int) map[3], "<varnames>");
        int formats = expect((int) map[5], "<formats>");
        int labelNames = expect((int) map[6], "<value_label_names>");
        int varLabels = expect((int) map[7], "<variable_labels>");
        List<DtaVariable> vars = new ArrayList<>(nvar);
        Charset cs = charset(rel);
        for (int j = 0; j < nvar; j++) {
            vars.add(new DtaVariable(fixedText(names + j * nameWidth, nameWidth, cs), types[j], widths[j],
                    fixedText(formats + j * formatWidth, formatWidth, cs), fixedText(labelNames + j * nameWidth, nameWidth, cs),
                    fixedText(varLabels + j * labelWidth, labelWidth, cs)));
        }
        int data = expect((int) map[9], "<data>");
        if (data + nobs * recordWidth(vars) > map[10]) {
            throw new DtaFormatException("the file holds fewer than the " + nobs + " observations its header announces");
        }
        // strLs
        int p = expect((int) map[10], "<strls>");
        while (startsWith(p, "GSO")) {
            long v = Integer.toUnsignedLong(buf.getInt(p + 3));
            long o = v117 ? Integer.toUnsignedLong(buf.getInt(p + 7)) : buf.getLong(p + 7);
            int q = p + 7 + (v117 ? 4 : 8);
            int t = buf.get(q) & 0xFF;
            long len = Integer.toUnsignedLong(buf.getInt(q + 1));
            int contents = q + 5;
            if (contents + len > buf.limit()) {
                throw new DtaFormatException("a long string (strL) runs past the end of the file");
            }
            int textLength = (int) (t == 130 && len > 0 && buf.get(contents + (int) len - 1) == 0 ? len - 1 : len);
            strls.put(new StrlKey(v, o), text(contents, textLength, cs));
            p = contents + (int) len;
        }
        expect(p, "</strls>");
        // value labels
        p = expect((int) map[11], "<value_labels>");
        while (startsWith(p, "<lbl>")) {
            int len = buf.getInt(p + 5);
            String name = fixedText(p + 9, nameWidth, cs);
            int table = p + 9 + nameWidth + 3;
            if (len < 0 || table + (long) len > buf.limit()) {
                throw new DtaFormatException("the value labels '" + name + "' run past the end of the file");
            }
            valueLabels.put(name, labelTable(table, len));
            p = expect(table + len, "</lbl>");
        }
        expect(p, "</value_labels>");
        return new Header(label, Collections.unmodifiableList(vars), nobs, data);
    }

    private static Charset charset(int release) {
        return release == 117 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
    }

    private Map<Integer, String> labelTable(int at, int len) {
        int n = buf.getInt(at);
        int txtlen = buf.getInt(at + 4);
        if (n < 0 || txtlen < 0 || 8L + 8L * n + txtlen > len) {
            throw new DtaFormatException("a value-label table is inconsistent with its length");
        }
        int off = at + 8;
        int val = off + 4 * n;
        int txt = val + 4 * n;
        Map<Integer, String> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            int o = buf.getInt(off + 4 * i);
            if (o < 0 || o >= txtlen) {
                throw new DtaFormatException("a value label points outside its table");
            }
            out.put(buf.getInt(val + 4 * i), fixedText(txt + o, txtlen - o));
        }
        return out;
    }

    public int release() {
        return release;
    }

    public String dataLabel() {
        return dataLabel;
    }

    public List<DtaVariable> variables() {
        return variables;
    }

    public long observations() {
        return observations;
    }

    /** Value-label sets by name: value → label. */
    public Map<String, Map<Integer, String>> valueLabels() {
        return Collections.unmodifiableMap(valueLabels);
    }

    /** Receives each observation: one value per variable, a {@link Double} (null = missing) or a {@link String}. */
    @FunctionalInterface
    public interface RowConsumer {
        void accept(long observation, Object[] values);
    }

    /** Reads every observation in order. */
    public void readRows(RowConsumer consumer) {
        int width = (int) recordWidth(variables);
        long at = dataStart;
        int nvar = variables.size();
        for (long i = 0; i < observations; i++) {
            Object[] row = new Object[nvar];
            int p = (int) at;
            for (int j = 0; j < nvar; j++) {
                DtaVariable v = variables.get(j);
                row[j] = switch (v.type()) {
                    case BYTE -> {
                        int x = buf.get(p);
                        yield x > 100 ? null : (Double) (double) x;
                    }
                    case INT -> {
                        int x = buf.getShort(p);
                        yield x > 32740 ? null : (Double) (double) x;
                    }
                    case LONG -> {
                        int x = buf.getInt(p);
                        yield x > 2147483620 ? null : (Double) (double) x;
                    }
                    case FLOAT -> {
                        float x = buf.getFloat(p);
                        yield !(x < 0x1.0p127f) || !Float.isFinite(x) ? null : (Double) DtaNumbers.fromFloat(x);
                    }
                    case DOUBLE -> {
                        double x = buf.getDouble(p);
                        yield !(x < 0x1.0p1023) || !Double.isFinite(x) ? null : (Double) x;
                    }
                    case STR -> fixedText(p, v.strWidth());
                    case STRL -> strl(p);
                };
                p += v.type().width(v.strWidth());
            }
            consumer.accept(i, row);
            at += width;
        }
    }

    private String strl(int p) {
        byte[] b = new byte[8];
        buf.get(p, b);
        int vBytes = release == 117 ? 4 : release == 118 ? 2 : 3;
        long v = unsigned(b, 0, vBytes);
        long o = unsigned(b, vBytes, 8 - vBytes);
        if (v == 0 && o == 0) {
            return "";
        }
        String s = strls.get(new StrlKey(v, o));
        if (s == null) {
            throw new DtaFormatException("a long string (strL) refers to (" + v + ", " + o + "), which the file does not hold");
        }
        return s;
    }

    private long unsigned(byte[] b, int from, int length) {
        long x = 0;
        if (buf.order() == ByteOrder.BIG_ENDIAN) {
            for (int k = 0; k < length; k++) {
                x = (x << 8) | (b[from + k] & 0xFF);
            }
        } else {
            for (int k = length - 1; k >= 0; k--) {
                x = (x << 8) | (b[from + k] & 0xFF);
            }
        }
        return x;
    }

    private static long recordWidth(List<DtaVariable> vars) {
        long w = 0;
        for (DtaVariable v : vars) {
            w += v.type().width(v.strWidth());
        }
        return w;
    }

    private boolean startsWith(int pos, String tag) {
        return pos + tag.length() <= buf.limit() && text(pos, tag.length(), StandardCharsets.US_ASCII).equals(tag);
    }

    /** The position after {@code tag} at {@code pos}, or a format exception naming the tag. */
    private int expect(int pos, String tag) {
        if (!startsWith(pos, tag)) {
            throw new DtaFormatException("expected " + tag + " at byte " + pos + ": the file is damaged or not a Stata dataset");
        }
        return pos + tag.length();
    }

    private String fixedText(int pos, int width) {
        return fixedText(pos, width, charset);
    }

    /** A NUL-padded field: the text before the first NUL. */
    private String fixedText(int pos, int width, Charset cs) {
        int end = pos;
        int limit = Math.min(pos + width, buf.limit());
        while (end < limit && buf.get(end) != 0) {
            end++;
        }
        return text(pos, end - pos, cs);
    }

    private String text(int pos, int length, Charset cs) {
        byte[] b = new byte[length];
        buf.get(pos, b);
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(b)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new DtaFormatException("undecodable text at byte " + pos);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
