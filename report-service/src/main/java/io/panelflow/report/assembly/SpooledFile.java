package io.panelflow.report.assembly;

import java.nio.file.Path;

/** One part of a bundle written to a temporary file: where it is, its size in bytes and its SHA-256 (hex). */
public record SpooledFile(Path path, long size, String sha256) {
}
