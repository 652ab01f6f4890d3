package io.panelflow.ingest.clean;

/**
 * Fills the missing values (NaN) of one unit's series, ordered by time, using the actual time
 * distances (so an absent year between two rows is accounted for). Rows are never added.
 *
 * <p>A missing value at time t is <b>interior</b> when the series has observations before and after
 * it; the nearest of those are (t0, y0) and (t1, y1), t0 &lt; t &lt; t1. Otherwise it is a leading or
 * trailing (<b>edge</b>) gap, filled only when {@code extrapolate} is set.
 *
 * <ul>
 *   <li>{@link MissingValueMethod#LINEAR}: interior y = y0 + (y1 − y0)·(t − t0)/(t1 − t0).
 *       Edge: the line through the first two observations (leading) or the last two (trailing);
 *       a series with one observation is left as is.</li>
 *   <li>{@link MissingValueMethod#GROWTH}, the annual average method: interior, with the average
 *       growth rate g = (y1/y0)^(1/(t1 − t0)) − 1, y = y0·(1 + g)^(t − t0). This needs y0 &gt; 0 and
 *       y1 &gt; 0; otherwise the gap is filled linearly and counted as a fallback. Edge: g is the
 *       average growth rate over the whole observed span, g = (yL/yF)^(1/(tL − tF)) − 1 with (tF, yF)
 *       the first and (tL, yL) the last observation; leading y = yF·(1 + g)^(t − tF), trailing
 *       y = yL·(1 + g)^(t − tL); left missing when there are fewer than two observations or yF or yL
 *       is not positive.</li>
 *   <li>{@link MissingValueMethod#NEAREST}: the observation nearest in time, the earlier one on a tie
 *       (carrying forward); edge gaps take the first or last observation.</li>
 *   <li>{@link MissingValueMethod#NONE}: nothing is filled.</li>
 * </ul>
 */
public final class GapFilling {
    private GapFilling() {
    }

    /**
     * Fills {@code values} in place.
     *
     * @param times  the series' times, increasing
     * @param values the series' values, NaN = missing
     */
    public static FillCount fill(double[] times, double[] values, MissingValueMethod method, boolean extrapolate) {
        int n = values.length;
        int observed = 0;
        int first = -1;
        int last = -1;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(values[i])) {
                observed++;
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        int missing = n - observed;
        if (missing == 0) {
            return FillCount.ZERO;
        }
        if (method == MissingValueMethod.NONE || observed == 0) {
            return new FillCount(0, 0, 0, missing);
        }
        double[] original = values.clone();
        int interior = 0;
        int edge = 0;
        int fallback = 0;
        int left = 0;
        int before = -1;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(original[i])) {
                before = i;
                continue;
            }
            if (i > first && i < last) {
                int after = i + 1;
                while (Double.isNaN(original[after])) {
                    after++;
                }
                double t0 = times[before];
                double y0 = original[before];
                double t1 = times[after];
                double y1 = original[after];
                double t = times[i];
                switch (method) {
                    case LINEAR -> values[i] = linear(t0, y0, t1, y1, t);
                    case GROWTH -> {
                        if (y0 > 0 && y1 > 0) {
                            values[i] = y0 * Math.pow(y1 / y0, (t - t0) / (t1 - t0));
                        } else {
                            values[i] = linear(t0, y0, t1, y1, t);
                            fallback++;
                        }
                    }
                    case NEAREST -> values[i] = (t - t0) <= (t1 - t) ? y0 : y1;
                    default -> throw new IllegalStateException(method.name());
                }
                interior++;
            } else if (!extrapolate) {
                left++;
            } else {
                double v = edgeValue(times, original, first, last, i, method);
                values[i] = v;
                if (Double.isNaN(v)) {
                    left++;
                } else {
                    edge++;
                }
            }
        }
        return new FillCount(interior, edge, fallback, left);
    }

    private static double linear(double t0, double y0, double t1, double y1, double t) {
        return y0 + (y1 - y0) * (t - t0) / (t1 - t0);
    }

    private static double edgeValue(double[] times, double[] y, int first, int last, int i, MissingValueMethod method) {
        boolean leading = i < first;
        switch (method) {
            case NEAREST:
                return leading ? y[first] : y[last];
            case LINEAR: {
                if (first == last) {
                    return Double.NaN;
                }
                int a;
                int b;
                if (leading) {
                    a = first;
                    b = nextObserved(y, first);
                } else {
                    b = last;
                    a = previousObserved(y, last);
                }
                return linear(times[a], y[a], times[b], y[b], times[i]);
            }
            case GROWTH: {
                if (first == last || !(y[first] > 0) || !(y[last] > 0)) {
                    return Double.NaN;
                }
                double growthFactor = Math.pow(y[last] / y[first], 1.0 / (times[last] - times[first]));
                return leading ? y[first] * Math.pow(growthFactor, times[i] - times[first])
                        : y[last] * Math.pow(growthFactor, times[i] - times[last]);
            }
            default:
                return Double.NaN;
        }
    }

    private static int nextObserved(double[] y, int from) {
        for (int i = from + 1; i < y.length; i++) {
            if (!Double.isNaN(y[i])) {
                return i;
            }
        }
        return -1;
    }

    private static int previousObserved(double[] y, int from) {
        for (int i = from - 1; i >= 0; i--) {
            if (!Double.isNaN(y[i])) {
                return i;
            }
        }
        return -1;
    }
}
