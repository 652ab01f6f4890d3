package io.panelflow.model.spec;

/**
 * One indicator of a composite index.
 *
 * @param direction {@code positive} (more is better) or {@code negative}
 * @param group     the dimension the indicator belongs to in a hierarchical system, or null
 */
public record IndicatorSpec(String column, String direction, String group, String label) {
    public boolean positive() {
        return !"negative".equals(direction);
    }
}
