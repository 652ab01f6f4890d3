package io.panelflow.index.normalize;

import io.panelflow.index.IndexException;

/**
 * Min–max normalization with direction, over the units of one decision matrix:
 * <pre>
 *   positive indicator: x'_i = (x_i − min x) / (max x − min x) + shift
 *   negative indicator: x'_i = (max x − x_i) / (max x − min x) + shift
 * </pre>
 * {@code shift} is 0 by default (the reference definition, S5); many papers add a small shift such
 * as 0.0001 or 0.01 so that no proportion is exactly zero before the entropy step. With shift 0 the
 * result lies in [0, 1], the worst unit gets 0 and the best 1.
 *
 * <p>A constant indicator (max = min) has no min–max normalization: it raises an
 * {@link IndexException} naming the indicator, never a NaN. Missing values (NaN) must have been
 * removed by the caller.
 */
public final class MinMaxNormalization {

    private MinMaxNormalization() {
    }

    public static double[] normalize(double[] x, boolean positive, double shift, String indicator) {
        if (x.length == 0) {
            throw new IndexException("indicator '" + indicator + "' has no non-missing value");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new IndexException("indicator '" + indicator + "' has a missing or non-finite value");
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double range = max - min;
        if (!(range > 0)) {
            throw new IndexException("indicator '" + indicator + "' is constant (min = max = " + min
                    + " over " + x.length + " units); min–max normalization is undefined");
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (positive ? (x[i] - min) / range : (max - x[i]) / range) + shift;
        }
        return out;
    }

    /** Every column of a column-major matrix ({@code columns[j][i]}: indicator j, unit i). */
    public static double[][] normalize(double[][] columns, boolean[] positive, double shift, String[] indicators) {
        double[][] out = new double[columns.length][];
        for (int j = 0; j < columns.length; j++) {
            out[j] = normalize(columns[j], positive[j], shift, indicators[j]);
        }
        return out;
    }
}
