package io.panelflow.report.table;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An event-study term as fixest's {@code i()} names it, {@code rel_time::-3}: the relative-time variable and the
 * period relative to adoption.
 */
public record EventTime(String variable, int period) {

    private static final Pattern TERM = Pattern.compile("^(.+)::(-?\\d+)$");

    /** The event time of a term, or null when the term is not one. */
    public static EventTime of(String term) {
        if (term == null) {
            return null;
        }
        Matcher m = TERM.matcher(term.strip());
        if (!m.matches()) {
            return null;
        }
        try {
            return new EventTime(m.group(1), Integer.parseInt(m.group(2)));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
