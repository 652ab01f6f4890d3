package io.panelflow.report.assembly;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * A temporary directory that holds the parts of one bundle while it is made, so that no part (the upload, the
 * panel as CSV and .dta) has to fit in memory: each part is written through a stream to its own file, hashed
 * (SHA-256) and counted on the way. {@link #close()} deletes the directory and everything in it; the caller
 * closes it when the bundle has been sent, or at once when making it failed.
 */
public final class BundleSpool implements AutoCloseable {
    /** Writes one part to the stream it is given (and does not close it). */
    @FunctionalInterface
    public interface PartWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Path dir;
    private int parts;

    private BundleSpool(Path dir) {
        this.dir = dir;
    }

    /** A new, empty spool directory in the system's temporary directory. */
    public static BundleSpool create() {
        try {
            return new BundleSpool(Files.createTempDirectory("panelflow-bundle-"));
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary directory for the bundle could be made: " + e.getMessage(), e);
        }
    }

    /** The directory (for tests). */
    Path directory() {
        return dir;
    }

    /** A part written by {@code writer} to a new file of the spool. */
    public SpooledFile write(PartWriter writer) throws IOException {
        Path file = dir.resolve("part-" + (++parts));
        MessageDigest sha = sha256();
        try (Counting counting = new Counting(Files.newOutputStream(file));
             OutputStream out = new BufferedOutputStream(new DigestOutputStream(counting, sha), 1 << 16)) {
            writer.writeTo(out);
            out.flush();
            return new SpooledFile(file, counting.count, HexFormat.of().formatHex(sha.digest()));
        }
    }

    /** A part copied from {@code in} (read to its end, not closed). */
    public SpooledFile copy(InputStream in) throws IOException {
        return write(in::transferTo);
    }

    /** A small part given as bytes. */
    public SpooledFile bytes(byte[] bytes) throws IOException {
        return write(out -> out.write(bytes));
    }

    /** Deletes the directory and every part in it. */
    @Override
    public void close() {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the bundle's temporary files could not be deleted: " + e.getMessage(), e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts the bytes that pass. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
