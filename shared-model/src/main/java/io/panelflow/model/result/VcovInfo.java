package io.panelflow.model.result;

import java.util.List;

/**
 * The variance estimator as used: {@code iid}, {@code hetero}, {@code cluster} or {@code driscoll-kraay},
 * the cluster variables and their numbers of clusters, the small-sample rule in words.
 */
public record VcovInfo(String type, List<String> by, List<Integer> clusters, Integer lag, String smallSample) {
    public VcovInfo {
        by = by == null ? List.of() : List.copyOf(by);
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
    }
}
