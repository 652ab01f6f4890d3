package io.panelflow.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What {@code --format} accepts: the report's formats by name or by extension, and the reproducibility bundle. */
public enum ReportFormat {
    DOCX("docx"), HTML("html"), LATEX("tex"), MARKDOWN("md"), CSV("csv"), JSON("json"), BUNDLE(null);

    private final String extension;

    ReportFormat(String extension) {
        this.extension = extension;
    }

    /** The report service's {@code format=} value; null for the bundle. */
    public String extension() {
        return extension;
    }

    public static ReportFormat parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (ReportFormat f : values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(t) || t.equals(f.extension)) {
                return f;
            }
        }
        if (t.equals("tex") || t.equals("latex")) {
            return LATEX;
        }
        if (t.equals("md") || t.equals("markdown")) {
            return MARKDOWN;
        }
        if (t.equals("zip")) {
            return BUNDLE;
        }
        throw new IllegalArgumentException("unknown format '" + text + "'; use one of " + Arrays.stream(values())
                .map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    /** The format a report service lists in a run's {@code formats} (an extension), or null if none is known. */
    public static ReportFormat ofExtension(String extension) {
        for (ReportFormat f : values()) {
            if (extension.equals(f.extension)) {
                return f;
            }
        }
        return null;
    }
}
