package io.panelflow.model.spec;

/**
 * A permutation placebo test of a staggered DID's two-way fixed-effects ATT: the units' adoption years are
 * permuted at random across units {@code permutations} times.
 *
 * @param permutations number of random permutations (at most {@code panelflow.limits.placebo-permutations})
 * @param seed         seed of the permutations (default 1)
 */
public record PlaceboSpec(int permutations, long seed) {
    public static final long DEFAULT_SEED = 1;
}
