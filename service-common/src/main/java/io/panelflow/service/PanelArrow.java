package io.panelflow.service;

import io.panelflow.model.panel.PanelColumn;
import io.panelflow.model.panel.PanelTable;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageChannelReader;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link PanelTable} as an Arrow IPC stream: one nullable {@code float64} field per numeric column
 * (NaN written as null), one nullable {@code utf8} field per text column, the key columns' names in the
 * schema's metadata, record batches of at most {@value #BATCH_ROWS} rows so the off-heap buffers stay small
 * whatever the panel's length.
 */
public final class PanelArrow {
    public static final String MEDIA_TYPE = "application/vnd.apache.arrow.stream";
    static final int BATCH_ROWS = 65_536;
    private static final String UNIT = "panelflow.unit";
    private static final String TIME = "panelflow.time";
    private static final String GROUP = "panelflow.group";
    private static final String ROWS = "panelflow.rows";

    private PanelArrow() {
    }

    /** The panel as an Arrow IPC stream in memory (small panels, tests). */
    public static byte[] write(PanelTable table) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(table, out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the panel as Arrow: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * Writes the panel to {@code out} as an Arrow IPC stream, a record batch at a time: beside the panel
     * itself only one batch's off-heap buffers and a 64 KiB copy buffer are held. An {@link IOException} is
     * {@code out}'s.
     */
    public static void write(PanelTable table, OutputStream out) throws IOException {
        int rows = table.rows();
        List<Field> fields = new ArrayList<>();
        for (PanelColumn c : table.columns()) {
            if (c.length() != rows) {
                throw new IllegalArgumentException("column '" + c.name() + "' has " + c.length() + " rows, the panel " + rows);
            }
            ArrowType type = c.kind() == PanelColumn.ColumnKind.NUMERIC
                    ? new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE) : ArrowType.Utf8.INSTANCE;
            fields.add(new Field(c.name(), FieldType.nullable(type), null));
        }
        Map<String, String> metadata = new HashMap<>();
        metadata.put(UNIT, table.unit());
        metadata.put(TIME, table.time());
        if (table.group() != null) {
            metadata.put(GROUP, table.group());
        }
        metadata.put(ROWS, Integer.toString(rows));
        Schema schema = new Schema(fields, metadata);
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            HeapWriteChannel channel = new HeapWriteChannel(Channels.newChannel(out));
            MessageSerializer.serialize(channel, schema, IpcOption.DEFAULT);
            int from = 0;
            do {
                int n = Math.min(BATCH_ROWS, rows - from);
                for (int j = 0; j < table.columns().size(); j++) {
                    fill(root.getVector(j), table.columns().get(j), from, n);
                }
                root.setRowCount(n);
                try (ArrowRecordBatch batch = new VectorUnloader(root).getRecordBatch()) {
                    MessageSerializer.serialize(channel, batch, IpcOption.DEFAULT);
                }
                from += n;
            } while (from < rows);
            ArrowStreamWriter.writeEndOfStream(channel, IpcOption.DEFAULT);
        }
        out.flush();
    }

    private static void fill(FieldVector vector, PanelColumn column, int from, int n) {
        if (vector instanceof Float8Vector numbers) {
            double[] values = column.numbers();
            numbers.allocateNew(n);
            for (int i = 0; i < n; i++) {
                double v = values[from + i];
                if (Double.isNaN(v)) {
                    numbers.setNull(i);
                } else {
                    numbers.set(i, v);
                }
            }
        } else {
            VarCharVector texts = (VarCharVector) vector;
            String[] values = column.texts();
            texts.allocateNew(n);
            for (int i = 0; i < n; i++) {
                String v = values[from + i];
                if (v == null) {
                    texts.setNull(i);
                } else {
                    texts.setSafe(i, v.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        vector.setValueCount(n);
    }

    /** The largest schema message a panel's stream may start with: a few thousand columns' names. */
    private static final int MAX_SCHEMA_BYTES = 16 * 1024 * 1024;

    /**
     * An IPC stream starts with the continuation marker and the length of its schema message; checked
     * before Arrow reads a length from bytes that are not a stream (and allocates whatever it says).
     */
    private static InputStream checkFraming(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(8);
        byte[] first = buffered.readNBytes(8);
        if (first.length < 8) {
            throw new IOException("the payload is too short for an Arrow stream");
        }
        java.nio.ByteBuffer head = java.nio.ByteBuffer.wrap(first).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int marker = head.getInt();
        int length = head.getInt();
        if (marker != -1 || length <= 0 || length > MAX_SCHEMA_BYTES) {
            throw new IOException("the payload does not start as an Arrow IPC stream");
        }
        buffered.reset();
        return buffered;
    }

    /**
     * Writes Arrow buffers by copying them through the heap: Arrow's own channel views them as direct
     * {@link ByteBuffer}s, which needs {@code --add-opens=java.base/java.nio} on every JVM that runs a service.
     */
    private static final class HeapWriteChannel extends WriteChannel {
        private final byte[] chunk = new byte[1 << 16];

        HeapWriteChannel(WritableByteChannel out) {
            super(out);
        }

        @Override
        public void write(ArrowBuf buffer) throws IOException {
            long at = buffer.readerIndex();
            long left = buffer.readableBytes();
            while (left > 0) {
                int n = (int) Math.min(left, chunk.length);
                buffer.getBytes(at, chunk, 0, n);
                write(ByteBuffer.wrap(chunk, 0, n));
                at += n;
                left -= n;
            }
        }
    }

    /** Reads message bodies into Arrow buffers through the heap, for the same reason. */
    private static final class HeapReadChannel extends ReadChannel {
        private final byte[] chunk = new byte[1 << 16];

        HeapReadChannel(ReadableByteChannel in) {
            super(in);
        }

        @Override
        public long readFully(ArrowBuf buffer, long length) throws IOException {
            long left = length;
            while (left > 0) {
                int want = (int) Math.min(left, chunk.length);
                int n = readFully(ByteBuffer.wrap(chunk, 0, want));
                buffer.setBytes(buffer.writerIndex(), chunk, 0, n);
                buffer.writerIndex(buffer.writerIndex() + n);
                left -= n;
                if (n < want) {
                    break;
                }
            }
            return length - left;
        }
    }

    /** Reads a panel written by {@link #write}; throws {@link IOException} when the bytes are not one. */
    public static PanelTable read(byte[] bytes) throws IOException {
        return read(new ByteArrayInputStream(bytes));
    }

    /**
     * Reads a panel written by {@link #write} from {@code in}, a record batch at a time (up to the stream's
     * end marker); throws {@link IOException} when the stream is not one, or {@code in} fails.
     */
    public static PanelTable read(InputStream in) throws IOException {
        InputStream framed = checkFraming(in);
        try (BufferAllocator allocator = new RootAllocator();
             ArrowStreamReader reader = new ArrowStreamReader(new MessageChannelReader(
                     new HeapReadChannel(Channels.newChannel(framed)), allocator), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            Schema schema = root.getSchema();
            Map<String, String> metadata = schema.getCustomMetadata();
            if (metadata == null || !metadata.containsKey(UNIT) || !metadata.containsKey(ROWS)) {
                throw new IOException("the Arrow stream is not a panel (no key columns in its metadata)");
            }
            int rows = Integer.parseInt(metadata.get(ROWS));
            List<Field> fields = schema.getFields();
            Object[] columns = new Object[fields.size()];
            for (int j = 0; j < fields.size(); j++) {
                columns[j] = fields.get(j).getType() instanceof ArrowType.FloatingPoint ? new double[rows] : new String[rows];
            }
            int at = 0;
            while (reader.loadNextBatch()) {
                int n = root.getRowCount();
                if (at + n > rows) {
                    throw new IOException("the Arrow stream has more rows than its metadata says (" + rows + ")");
                }
                for (int j = 0; j < fields.size(); j++) {
                    FieldVector v = root.getVector(j);
                    if (columns[j] instanceof double[] numbers) {
                        Float8Vector f = (Float8Vector) v;
                        for (int i = 0; i < n; i++) {
                            numbers[at + i] = f.isNull(i) ? Double.NaN : f.get(i);
                        }
                    } else {
                        VarCharVector t = (VarCharVector) v;
                        String[] texts = (String[]) columns[j];
                        // a panel is sorted by unit: a value repeating the row before shares its String, so
                        // a unit column of 5M rows holds 500k strings, not 5M
                        byte[] before = null;
                        String previous = null;
                        for (int i = 0; i < n; i++) {
                            if (t.isNull(i)) {
                                texts[at + i] = null;
                                before = null;
                                continue;
                            }
                            byte[] bytes = t.get(i);
                            if (before == null || !Arrays.equals(bytes, before)) {
                                previous = new String(bytes, StandardCharsets.UTF_8);
                                before = bytes;
                            }
                            texts[at + i] = previous;
                        }
                    }
                }
                at += n;
            }
            if (at != rows) {
                throw new IOException("the Arrow stream has " + at + " rows, its metadata says " + rows);
            }
            List<PanelColumn> out = new ArrayList<>(fields.size());
            for (int j = 0; j < fields.size(); j++) {
                String name = fields.get(j).getName();
                out.add(columns[j] instanceof double[] d ? PanelColumn.numeric(name, d) : PanelColumn.text(name, (String[]) columns[j]));
            }
            return new PanelTable(metadata.get(UNIT), metadata.get(TIME), metadata.get(GROUP), out);
        } catch (RuntimeException e) {
            throw new IOException("the Arrow stream is not a readable panel: " + e.getMessage(), e);
        }
    }
}
