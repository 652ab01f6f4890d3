package io.panelflow.index.balance;

import io.panelflow.index.IndexException;

import java.util.Locale;

/** The balance (inequality) methods of {@code BalanceSpec.method}. */
public enum BalanceMethod {
    /** coefficient of variation, sample sd (n − 1); Williamson's weighted CV with a weight */
    CV("cv"),
    /** coefficient of variation, population sd (n) */
    CV_POPULATION("cv-population"),
    /** Gini coefficient (weighted with a weight) */
    GINI("gini"),
    /** Theil T, GE(1) */
    THEIL_T("theil-t"),
    /** Theil L, GE(0), mean log deviation */
    THEIL_L("theil-l"),
    /** core unit against the mean of the others */
    CORE_PERIPHERY("core-periphery");

    private final String id;

    BalanceMethod(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static BalanceMethod of(String method) {
        String key = method == null ? "" : method.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (BalanceMethod m : values()) {
            if (m.id.equals(key)) {
                return m;
            }
        }
        throw new IndexException("unknown balance method '" + method
                + "' (cv, cv-population, gini, theil-t, theil-l, core-periphery)");
    }

    /** The index of y (with weights w, or null) over the units of one cell. */
    public double apply(double[] y, double[] w) {
        return switch (this) {
            case CV -> CoefficientOfVariation.of(y, w, true);
            case CV_POPULATION -> CoefficientOfVariation.of(y, w, false);
            case GINI -> GiniCoefficient.of(y, w);
            case THEIL_T -> TheilIndex.t(y, w);
            case THEIL_L -> TheilIndex.l(y, w);
            case CORE_PERIPHERY -> CorePeripheryGap.of(y, w).gap();
        };
    }

    public boolean theil() {
        return this == THEIL_T || this == THEIL_L;
    }
}
