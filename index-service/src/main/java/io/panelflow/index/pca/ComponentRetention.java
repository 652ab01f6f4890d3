package io.panelflow.index.pca;

import io.panelflow.index.IndexException;

import java.util.Locale;

/**
 * Which leading components a PCA composite keeps (option {@code retain}):
 * <ul>
 *   <li>{@code kaiser} (default): every component with eigenvalue &gt; 1 (Kaiser criterion);
 *       at least the first component when none exceeds 1;</li>
 *   <li>{@code cumulative}: the fewest leading components whose cumulative variance share reaches
 *       {@code minShare} (default 0.85);</li>
 *   <li>{@code kaiser-or-cumulative}: the larger of the two counts — what papers do when only one
 *       eigenvalue exceeds 1 but they keep components until the cumulative share passes a bar
 *       (Han, Sun and Liu 2024 keep two components above 80%);</li>
 *   <li>a whole number k: the first k components.</li>
 * </ul>
 */
public final class ComponentRetention {

    private ComponentRetention() {
    }

    /** The number of leading components retained. */
    public static int count(PrincipalComponents pca, Object retain, Object minShare) {
        int p = pca.components();
        String rule = retain == null ? "kaiser" : retain.toString().trim().toLowerCase(Locale.ROOT);
        double bar = minShare == null ? 0.85 : Double.parseDouble(minShare.toString());
        switch (rule) {
            case "kaiser":
                return kaiser(pca);
            case "cumulative":
                return cumulative(pca, bar);
            case "kaiser-or-cumulative":
                return Math.max(kaiser(pca), cumulative(pca, bar));
            default:
                int k;
                try {
                    k = (int) Double.parseDouble(rule);
                } catch (NumberFormatException e) {
                    throw new IndexException("unknown retention rule '" + retain
                            + "' (kaiser, cumulative, kaiser-or-cumulative or a number of components)");
                }
                if (k < 1 || k > p) {
                    throw new IndexException("cannot retain " + k + " of " + p + " components");
                }
                return k;
        }
    }

    private static int kaiser(PrincipalComponents pca) {
        int k = 0;
        while (k < pca.components() && pca.eigenvalues()[k] > 1) {
            k++;
        }
        return Math.max(k, 1);
    }

    private static int cumulative(PrincipalComponents pca, double bar) {
        if (!(bar > 0 && bar <= 1)) {
            throw new IndexException("minShare must lie in (0, 1], got " + bar);
        }
        for (int k = 0; k < pca.components(); k++) {
            if (pca.cumulative()[k] >= bar - 1e-12) {
                return k + 1;
            }
        }
        return pca.components();
    }
}
