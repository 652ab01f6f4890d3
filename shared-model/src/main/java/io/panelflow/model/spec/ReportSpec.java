package io.panelflow.model.spec;

import java.util.List;

/**
 * How the report is written: {@code language} {@code en} (the default) or {@code zh}, a report as Chinese
 * journals print it (表1, 观测值, 注：…, 宋体 and Times New Roman).
 */
public record ReportSpec(String language) {

    public static final List<String> LANGUAGES = List.of("en", "zh");
    public static final ReportSpec DEFAULT = new ReportSpec("en");

    public ReportSpec {
        language = language == null || language.isBlank() ? "en" : language;
        if (!LANGUAGES.contains(language)) {
            throw new SpecException("$.report.language", "'" + language + "' is not a report language; use one of "
                    + String.join(", ", LANGUAGES));
        }
    }
}
