package io.panelflow.ingest.upload;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Decompression limits of an XLSX workbook (a zip archive), named in the problem a person gets:
 * <ul>
 *   <li>before POI opens the file, the central directory is read (no entry is inflated): an entry declaring
 *       more than {@link UploadLimits#maxEntryBytes()} bytes, or compressed to less than
 *       {@link UploadLimits#minInflateRatio()} of its size, is refused with a 413;</li>
 *   <li>declared sizes can lie, so POI's {@code ZipSecureFile} checks the bytes actually inflated against the
 *       same limits; its refusal is turned into the same 413 by {@link #fromPoi(Throwable, UploadLimits)}.</li>
 * </ul>
 * Entries below 100 KiB are not held to the ratio (as in POI: tiny entries compress extremely well).
 */
final class ZipEntryCheck {
    /** POI's grace size: the ratio is checked only beyond it. */
    static final long GRACE_BYTES = 100 * 1024;

    private ZipEntryCheck() {
    }

    static void check(Path file, UploadLimits limits) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                long size = e.getSize();
                long compressed = e.getCompressedSize();
                if (size > limits.maxEntryBytes()) {
                    throw tooBig(e.getName(), size, limits);
                }
                if (size > GRACE_BYTES && compressed >= 0 && (double) compressed / size < limits.minInflateRatio()) {
                    throw bomb(e.getName(), size, compressed, limits);
                }
            }
        } catch (IOException e) {
            // not a readable zip: POI says so in its own words, turned into "Unreadable workbook"
        }
    }

    /** The problem for POI's refusal of a zip bomb or an oversized entry, or null when {@code e} is another failure. */
    static UploadProblem fromPoi(Throwable e, UploadLimits limits) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("zip bomb")) {
                return UploadProblem.tooLarge("Decompression bomb", "a part of the workbook expands to more than "
                        + Math.round(1 / limits.minInflateRatio()) + " times its compressed size; the limit is a ratio of "
                        + limits.minInflateRatio() + " (panelflow.upload.xlsx.min-inflate-ratio): the file is refused"
                        + " as a decompression bomb");
            }
            if (m.contains("max entry size") || m.contains("maximum entry size") || m.contains("entry size")) {
                return UploadProblem.tooLarge("Workbook part too large", "a part of the workbook is larger than "
                        + limits.maxEntryBytes() + " bytes uncompressed; the limit is " + limits.maxEntryBytes()
                        + " (panelflow.upload.xlsx.max-entry-bytes)");
            }
            if (m.contains("text size") || m.contains("max text")) {
                return UploadProblem.tooLarge("Workbook text too large", "the workbook holds more than "
                        + limits.maxTextChars() + " characters of text; the limit is " + limits.maxTextChars()
                        + " (panelflow.upload.xlsx.max-text-chars)");
            }
        }
        return null;
    }

    private static UploadProblem tooBig(String entry, long size, UploadLimits limits) {
        return UploadProblem.tooLarge("Workbook part too large", "the workbook's part " + entry + " is " + size
                + " bytes uncompressed; the limit is " + limits.maxEntryBytes() + " (panelflow.upload.xlsx.max-entry-bytes)");
    }

    private static UploadProblem bomb(String entry, long size, long compressed, UploadLimits limits) {
        return UploadProblem.tooLarge("Decompression bomb", "the workbook's part " + entry + " expands from "
                + compressed + " to " + size + " bytes (" + Math.round((double) size / Math.max(compressed, 1))
                + " times); the limit is a compression ratio of " + limits.minInflateRatio()
                + " (panelflow.upload.xlsx.min-inflate-ratio), so the file is refused as a decompression bomb");
    }
}
