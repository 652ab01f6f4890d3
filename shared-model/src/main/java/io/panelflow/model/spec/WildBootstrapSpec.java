package io.panelflow.model.spec;

/**
 * A wild cluster bootstrap-t of the model's regressor of interest (its first regressor), H0: coefficient = 0,
 * run for every column of the model.
 *
 * @param draws number of Rademacher draws B (default 9999); when 2^G ≤ B all 2^G sign vectors are enumerated
 * @param seed  seed of the random draws (default 1; unused when enumerating)
 * @param type  {@code restricted} (WCR, default) or {@code unrestricted} (WCU)
 */
public record WildBootstrapSpec(int draws, long seed, String type) {
    public static final int DEFAULT_DRAWS = 9999;
    public static final long DEFAULT_SEED = 1L;

    public WildBootstrapSpec {
        type = type == null ? "restricted" : type;
    }

    public boolean restricted() {
        return !"unrestricted".equals(type);
    }
}
