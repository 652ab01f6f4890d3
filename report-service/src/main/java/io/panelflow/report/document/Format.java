package io.panelflow.report.document;

import java.util.Locale;

/** The document formats a report is served in, with file extension and media type. */
public enum Format {
    HTML("html", "text/html; charset=utf-8"),
    MARKDOWN("md", "text/markdown; charset=utf-8"),
    LATEX("tex", "application/x-tex; charset=utf-8"),
    DOCX("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    CSV("csv", "text/csv; charset=utf-8"),
    JSON("json", "application/json");

    private final String extension;
    private final String mediaType;

    Format(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** From the {@code ?format=} query value: html, md, tex, docx, csv, json (or the enum name). */
    public static Format fromQuery(String value) {
        if (value == null || value.isBlank()) {
            return HTML;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        for (Format f : values()) {
            if (f.extension.equals(v) || f.name().toLowerCase(Locale.ROOT).equals(v)) {
                return f;
            }
        }
        if (v.equals("htm")) {
            return HTML;
        }
        throw new IllegalArgumentException("unknown report format '" + value + "'; use html, md, tex, docx, csv or json");
    }
}
