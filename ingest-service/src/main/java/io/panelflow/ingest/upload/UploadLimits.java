package io.panelflow.ingest.upload;

/**
 * Limits on an uploaded data file.
 *
 * @param maxBytes the largest accepted file, in bytes
 */
public record UploadLimits(long maxBytes) {
    /** 50 MiB. */
    public static final long DEFAULT_MAX_BYTES = 50L * 1024 * 1024;
    public static final UploadLimits DEFAULT = new UploadLimits(DEFAULT_MAX_BYTES);

    public UploadLimits {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
    }
}
