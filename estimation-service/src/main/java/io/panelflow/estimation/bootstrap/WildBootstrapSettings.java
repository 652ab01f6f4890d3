package io.panelflow.estimation.bootstrap;

/**
 * How a wild cluster bootstrap draws and counts.
 *
 * @param draws        number of random Rademacher draws B; when {@code 2^G ≤ draws} all 2^G sign vectors
 *                     are enumerated instead (deterministic), see {@link RademacherDraws}
 * @param seed         seed of the random draws (ignored when enumerating)
 * @param tieTolerance relative tolerance of the tie {@code |t*| = |t|}: a draw counts towards the p-value
 *                     when {@code |t*_b| ≥ |t|·(1 − tieTolerance)}; it is strictly larger when
 *                     {@code |t*_b| > |t|·(1 + tieTolerance)}
 */
public record WildBootstrapSettings(int draws, long seed, double tieTolerance) {
    /** 9999 draws (so G ≤ 13 clusters are enumerated), seed 20080601, ties within 1e-9. */
    public static final WildBootstrapSettings DEFAULT = new WildBootstrapSettings(9999, 20080601L, 1e-9);

    public WildBootstrapSettings {
        if (draws < 1) {
            throw new BootstrapException("the number of bootstrap draws must be positive, got " + draws);
        }
        if (!(tieTolerance >= 0) || tieTolerance >= 1) {
            throw new BootstrapException("the tie tolerance must be in [0, 1), got " + tieTolerance);
        }
    }

    public WildBootstrapSettings withDraws(int newDraws) {
        return new WildBootstrapSettings(newDraws, seed, tieTolerance);
    }

    public WildBootstrapSettings withSeed(long newSeed) {
        return new WildBootstrapSettings(draws, newSeed, tieTolerance);
    }
}
