package io.panelflow.index.composite;

import io.panelflow.index.IndexException;

import java.util.Locale;

/**
 * The composite index methods of {@code IndexSpec.method}: how indicator weights are found and how
 * the weighted normalized indicators become one value per unit.
 */
public enum CompositeMethod {
    /** entropy weights, linear score Σ w_j x'_ij */
    ENTROPY("entropy", Weighting.ENTROPY, false),
    /** entropy weights, TOPSIS closeness */
    ENTROPY_TOPSIS("entropy-topsis", Weighting.ENTROPY, true),
    /** w_j = 1/m, linear score */
    EQUAL("equal", Weighting.EQUAL, false),
    /** w_j = 1/m, TOPSIS closeness */
    EQUAL_TOPSIS("equal-topsis", Weighting.EQUAL, true),
    /** CRITIC weights, linear score */
    CRITIC("critic", Weighting.CRITIC, false),
    /** CRITIC weights, TOPSIS closeness */
    CRITIC_TOPSIS("critic-topsis", Weighting.CRITIC, true),
    /** eigenvalue-weighted principal component composite */
    PCA("pca", null, false);

    enum Weighting { ENTROPY, EQUAL, CRITIC }

    private final String id;
    private final Weighting weighting;
    private final boolean topsis;

    CompositeMethod(String id, Weighting weighting, boolean topsis) {
        this.id = id;
        this.weighting = weighting;
        this.topsis = topsis;
    }

    public String id() {
        return id;
    }

    Weighting weighting() {
        return weighting;
    }

    boolean topsis() {
        return topsis;
    }

    public static boolean isComposite(String method) {
        return find(method) != null;
    }

    public static CompositeMethod of(String method) {
        CompositeMethod m = find(method);
        if (m == null) {
            throw new IndexException("unknown composite method '" + method + "'");
        }
        return m;
    }

    private static CompositeMethod find(String method) {
        if (method == null) {
            return null;
        }
        String key = method.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (CompositeMethod m : values()) {
            if (m.id.equals(key)) {
                return m;
            }
        }
        return null;
    }
}
