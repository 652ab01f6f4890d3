package io.panelflow.report.replication;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stata variable names for panel columns: letters, digits and underscores (Unicode letters are allowed from
 * Stata 14), not starting with a digit, at most 32 characters, unique; the original name is kept as the
 * variable's label.
 */
public final class StataNames {
    public static final int MAX_LENGTH = 32;

    private StataNames() {
    }

    /** Column name → Stata name, in the columns' order. */
    public static Map<String, String> of(List<String> columns) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (String c : columns) {
            StringBuilder b = new StringBuilder();
            c.codePoints().forEach(cp -> b.appendCodePoint(Character.isLetterOrDigit(cp) || cp == '_' ? cp : '_'));
            String name = b.length() == 0 || Character.isDigit(b.codePointAt(0)) ? "_" + b : b.toString();
            name = truncate(name, MAX_LENGTH);
            String candidate = name;
            for (int k = 2; !used.add(candidate.toLowerCase()); k++) {
                String suffix = "_" + k;
                candidate = truncate(name, MAX_LENGTH - suffix.length()) + suffix;
            }
            out.put(c, candidate);
        }
        return out;
    }

    private static String truncate(String s, int codePoints) {
        return s.codePointCount(0, s.length()) <= codePoints ? s : s.substring(0, s.offsetByCodePoints(0, codePoints));
    }
}
