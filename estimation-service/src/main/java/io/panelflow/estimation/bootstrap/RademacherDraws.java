package io.panelflow.estimation.bootstrap;

import java.util.SplittableRandom;

/**
 * The Rademacher sign vectors {@code v ∈ {−1, +1}^G} of a wild cluster bootstrap, one sign per cluster.
 *
 * <p><b>Full enumeration</b> (when {@code 2^G ≤ draws}, as Stata's boottest and R's fwildclusterboot do):
 * all {@code B = 2^G} vectors, deterministic. Draw {@code b = 0 .. 2^G − 1} gives cluster {@code k}
 * (k = 0 .. G−1, the k-th cluster in ascending code order) the sign {@code +1} if bit k of b is 0 and
 * {@code −1} if it is 1. Draw 0 is the identity (all +1), draw {@code 2^G − 1} is all −1.
 *
 * <p><b>Random draws</b> (otherwise): {@code B = draws} vectors, each of G independent fair signs taken in
 * cluster order from {@code java.util.SplittableRandom(seed)} ({@code nextBoolean()} true → −1). The same
 * seed and G give the same vectors on every platform and Java version (SplittableRandom's algorithm is
 * specified). The identity is not forced among them.
 */
public final class RademacherDraws {
    /** Largest G that can be enumerated (2^30 draws). */
    public static final int MAX_ENUMERATED_CLUSTERS = 30;

    private final int clusters;
    private final int count;
    private final boolean enumerated;
    private final long[] randomBits;

    private RademacherDraws(int clusters, int count, boolean enumerated, long[] randomBits) {
        this.clusters = clusters;
        this.count = count;
        this.enumerated = enumerated;
        this.randomBits = randomBits;
    }

    /**
     * @param clusters G, at least 2
     * @param draws    the requested number of random draws B; every sign vector is enumerated when 2^G ≤ B
     * @param seed     seed of the random draws (unused when enumerating)
     */
    public static RademacherDraws of(int clusters, int draws, long seed) {
        if (clusters < 2) {
            throw new BootstrapException("a wild cluster bootstrap needs at least 2 clusters, got " + clusters);
        }
        if (draws < 1) {
            throw new BootstrapException("the number of bootstrap draws must be positive, got " + draws);
        }
        if (clusters <= MAX_ENUMERATED_CLUSTERS && (1L << clusters) <= draws) {
            return new RademacherDraws(clusters, 1 << clusters, true, null);
        }
        int words = (clusters + 63) / 64;
        long[] bits = new long[(long) draws * words > Integer.MAX_VALUE ? fail(draws, clusters) : draws * words];
        SplittableRandom random = new SplittableRandom(seed);
        for (int b = 0; b < draws; b++) {
            for (int g = 0; g < clusters; g++) {
                if (random.nextBoolean()) {
                    bits[b * words + g / 64] |= 1L << (g % 64);
                }
            }
        }
        return new RademacherDraws(clusters, draws, false, bits);
    }

    private static int fail(int draws, int clusters) {
        throw new BootstrapException(draws + " draws of " + clusters + " signs are too many to hold");
    }

    /** Number of sign vectors B. */
    public int count() {
        return count;
    }

    public int clusters() {
        return clusters;
    }

    /** Whether all 2^G vectors are enumerated (deterministic). */
    public boolean enumerated() {
        return enumerated;
    }

    /** The sign (+1 or −1) of cluster {@code g} in draw {@code b}. */
    public double sign(int b, int g) {
        boolean negative;
        if (enumerated) {
            negative = ((b >>> g) & 1) == 1;
        } else {
            int words = (clusters + 63) / 64;
            negative = ((randomBits[b * words + g / 64] >>> (g % 64)) & 1L) == 1L;
        }
        return negative ? -1.0 : 1.0;
    }

    /** Fills {@code out} (length G) with the signs of draw {@code b}. */
    public void signs(int b, double[] out) {
        for (int g = 0; g < clusters; g++) {
            out[g] = sign(b, g);
        }
    }
}
