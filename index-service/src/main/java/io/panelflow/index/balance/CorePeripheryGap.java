package io.panelflow.index.balance;

import io.panelflow.index.IndexException;

/**
 * The core–periphery gap within one group-year: the core unit against the mean of the others,
 * <pre>
 *   gap = (y_core − ȳ_others) / ȳ_others,    ȳ_others = mean of y over the other n − 1 units
 * </pre>
 * The core unit is the one with the largest weight when a weight column is given (the most
 * populous city, typically the provincial capital), otherwise the one with the largest y; ties go
 * to the first unit in panel order. gap = 0 when the core matches the periphery's mean, 1 when it
 * is twice as high. One unit: 0 (no periphery). ȳ_others ≤ 0 raises an {@link IndexException}.
 *
 * @param core index (within the given arrays) of the core unit
 */
public record CorePeripheryGap(int core, double gap) {

    public static CorePeripheryGap of(double[] y, double[] w) {
        int n = y.length;
        if (n == 0) {
            throw new IndexException("core–periphery gap of no units");
        }
        int core = 0;
        double[] key = w == null ? y : w;
        for (int i = 1; i < n; i++) {
            if (key[i] > key[core]) {
                core = i;
            }
        }
        if (n == 1) {
            return new CorePeripheryGap(0, 0);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (i != core) {
                sum += y[i];
            }
        }
        double others = sum / (n - 1);
        if (!(others > 0)) {
            throw new IndexException("core–periphery gap: mean of the periphery " + others + " is not positive");
        }
        return new CorePeripheryGap(core, (y[core] - others) / others);
    }
}
