package io.panelflow.report.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every fixed text of a report in one language: section titles, captions, table headings, row labels and
 * notes, read from the message catalogue {@code report-text/<language>.properties} (UTF-8). A key missing
 * from a language falls back to English. Placeholders {@code {0}}, {@code {1}} are replaced literally (no
 * MessageFormat quoting, so "Sant'Anna" stays as written).
 */
public final class ReportText {

    private static final Map<String, ReportText> CACHE = new ConcurrentHashMap<>();

    public static final ReportText ENGLISH = of("en");

    private final String language;
    private final Properties texts;
    private final Properties fallback;

    private ReportText(String language, Properties texts, Properties fallback) {
        this.language = language;
        this.texts = texts;
        this.fallback = fallback;
    }

    /** The catalogue of a language ({@code en}, {@code zh}); null or blank means English. */
    public static ReportText of(String language) {
        String lang = language == null || language.isBlank() ? "en" : language;
        ReportText cached = CACHE.get(lang);
        if (cached != null) {
            return cached;
        }
        Properties english = load("en");
        ReportText text = new ReportText(lang, lang.equals("en") ? english : load(lang), english);
        CACHE.put(lang, text);
        return text;
    }

    private static Properties load(String language) {
        String path = "/report-text/" + language + ".properties";
        try (InputStream in = ReportText.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no report texts for language '" + language + "'");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String language() {
        return language;
    }

    public boolean isChinese() {
        return language.equals("zh");
    }

    /** The text under {@code key} with its placeholders filled. */
    public String get(String key, Object... args) {
        String t = texts.getProperty(key);
        if (t == null) {
            t = fallback.getProperty(key);
        }
        if (t == null) {
            throw new IllegalArgumentException("no report text '" + key + "'");
        }
        for (int i = 0; i < args.length; i++) {
            t = t.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return t;
    }

    /** The text under {@code key}, or null when no language has it. */
    public String find(String key) {
        String t = texts.getProperty(key);
        return t != null ? t : fallback.getProperty(key);
    }

    /** "Table 3. Title" or "表3 Title". */
    public String tableCaption(int number, String title) {
        return get("caption.table", number, title);
    }

    /** "Figure 2. Title" or "图2 Title". */
    public String figureCaption(int number, String title) {
        return get("caption.figure", number, title);
    }

    /** What leads the notes under a table: "Notes:" or "注：". */
    public String notesLead() {
        return get("notes.lead");
    }

    /** The notes of a table as one paragraph: sentences joined by a space, or, in Chinese, run together. */
    public String joinNotes(List<String> notes) {
        return String.join(get("notes.separator"), notes);
    }

    public String yesNo(boolean yes) {
        return get(yes ? "word.yes" : "word.no");
    }

    /** "Column (2)", "Columns (1), (3)"; 第(2)列, 第(1)、(3)列. */
    public String columns(List<Integer> cols) {
        List<String> names = cols.stream().map(c -> "(" + c + ")").toList();
        return get(cols.size() == 1 ? "columns.one" : "columns.many", String.join(get("list.separator"), names));
    }
}
