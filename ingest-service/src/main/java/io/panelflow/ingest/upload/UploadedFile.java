package io.panelflow.ingest.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An uploaded data file as received: on disk, never in memory, with its original name, its size and its
 * SHA-256 (computed in one streaming pass over the file).
 */
public record UploadedFile(Path path, String fileName, long size, String sha256) {

    /** Measures and hashes {@code path} as a stream (64 KiB at a time). */
    public static UploadedFile of(Path path, String fileName) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(path),
                MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                size += n;
            }
            return new UploadedFile(path, fileName, size, HexFormat.of().formatHex(in.getMessageDigest().digest()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file's bytes as a stream. */
    public InputStream open() throws IOException {
        return Files.newInputStream(path);
    }
}
