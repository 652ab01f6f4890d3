package io.panelflow.model.spec;

import java.util.List;

/**
 * Variance estimator of a model. Written in a spec as {@code iid}, {@code hetero}, {@code {cluster: x}},
 * {@code {cluster: [x, y]}} or {@code {driscoll-kraay: {lag: L}}}; absent means clustering by the panel unit.
 *
 * @param fixefK small-sample count of fixed effects: {@code nested} (fixest default), {@code full} or {@code none}
 */
public record VcovSpec(String type, List<String> cluster, Integer lag, String fixefK) {
    public static final VcovSpec DEFAULT = new VcovSpec("default", List.of(), null, "nested");

    public VcovSpec {
        cluster = cluster == null ? List.of() : List.copyOf(cluster);
        fixefK = fixefK == null ? "nested" : fixefK;
    }
}
