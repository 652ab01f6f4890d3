package io.panelflow.ingest.clean;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Winsorizing: values below the {@code lower} type-7 quantile ({@link Quantiles}) are raised to it,
 * values above the {@code upper} quantile lowered to it; missing values stay missing. The quantiles
 * are taken over all non-missing values (pooled) or within each time period.
 */
public final class Winsorizing {
    private Winsorizing() {
    }

    /** How many values were raised to the lower bound and lowered to the upper bound. */
    public record Count(int low, int high) {
    }

    /** Winsorizes {@code values} in place over all rows. */
    public static Count pooled(double[] values, double lower, double upper) {
        int[] all = new int[values.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return clip(values, all, lower, upper);
    }

    /** Winsorizes {@code values} in place within each period of {@code times}. */
    public static Count byTime(double[] values, double[] times, double lower, double upper) {
        Map<Double, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            groups.computeIfAbsent(times[i], t -> new ArrayList<>()).add(i);
        }
        int low = 0;
        int high = 0;
        for (List<Integer> g : groups.values()) {
            Count c = clip(values, g.stream().mapToInt(Integer::intValue).toArray(), lower, upper);
            low += c.low();
            high += c.high();
        }
        return new Count(low, high);
    }

    private static Count clip(double[] values, int[] rows, double lower, double upper) {
        double[] subset = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            subset[i] = values[rows[i]];
        }
        double[] sorted = Quantiles.sortedNonMissing(subset);
        if (sorted.length == 0) {
            return new Count(0, 0);
        }
        double lo = Quantiles.type7(sorted, lower);
        double hi = Quantiles.type7(sorted, upper);
        int low = 0;
        int high = 0;
        for (int r : rows) {
            double v = values[r];
            if (v < lo) {
                values[r] = lo;
                low++;
            } else if (v > hi) {
                values[r] = hi;
                high++;
            }
        }
        return new Count(low, high);
    }
}
