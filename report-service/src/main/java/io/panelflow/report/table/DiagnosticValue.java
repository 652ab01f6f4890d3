package io.panelflow.report.table;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a diagnostic a teammate's estimator put into {@code ModelResult.diagnostics}, whatever its
 * shape: a number, a map with a statistic and a p-value, a string, a boolean.
 */
public final class DiagnosticValue {

    private static final List<String> STATISTIC_KEYS = List.of("statistic", "stat", "value", "f", "F", "chi2", "z", "estimate");
    private static final List<String> P_KEYS = List.of("pValue", "p", "pvalue", "p_value", "prob");

    private DiagnosticValue() {
    }

    /** The printed text (statistic, with "[p]" when a p-value is there) and the statistic as a number. */
    public static Cell cell(Object raw, NumberFormatter numbers) {
        if (raw == null) {
            return Cell.EMPTY;
        }
        if (raw instanceof Number n) {
            return NumberFormatter.isCount(n) ? numbers.countCell(n) : numbers.cell(n.doubleValue());
        }
        if (raw instanceof Boolean b) {
            return Cell.text(b ? "Yes" : "No");
        }
        if (raw instanceof Map<?, ?> map) {
            Double stat = number(map, STATISTIC_KEYS);
            Double p = number(map, P_KEYS);
            if (stat == null && p == null) {
                return Cell.text(numbers.missing());
            }
            String text = stat == null ? "" : numbers.format(stat);
            if (p != null) {
                text = (text + " [" + numbers.pValue(p) + "]").strip();
            }
            return stat == null ? Cell.text(text) : Cell.number(text, stat);
        }
        if (raw instanceof List<?> list) {
            return Cell.text(String.join(", ", list.stream().map(String::valueOf).toList()));
        }
        return Cell.text(String.valueOf(raw));
    }

    /** A p-value on its own: "&lt;0.001" below the smallest printable value. */
    public static Cell pValueCell(Object raw, NumberFormatter numbers) {
        Double p = raw instanceof Number || raw instanceof String ? asDouble(raw) : null;
        return p == null ? cell(raw, numbers) : numbers.pValueCell(p);
    }

    /** Whether the value carries a p-value (then the table notes say p-values are in brackets). */
    public static boolean hasPValue(Object raw) {
        return raw instanceof Map<?, ?> map && number(map, P_KEYS) != null;
    }

    /** The first numeric entry under one of the keys (case-insensitive), or null. */
    public static Double number(Map<?, ?> map, List<String> keys) {
        for (String key : keys) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (String.valueOf(e.getKey()).toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT))) {
                    Double d = asDouble(e.getValue());
                    if (d != null) {
                        return d;
                    }
                }
            }
        }
        return null;
    }

    public static Double asDouble(Object o) {
        if (o instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        if (o instanceof String s) {
            try {
                double d = Double.parseDouble(s.strip());
                return Double.isFinite(d) ? d : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** The Stock–Yogo 10% maximal IV size critical value from a number or a map keyed by size. */
    public static Object stockYogoTenPercent(Object raw) {
        if (raw instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey()).toLowerCase(Locale.ROOT);
                if (key.contains("10") || key.contains("ten")) {
                    return e.getValue();
                }
            }
            return null;
        }
        return raw;
    }
}
