package io.panelflow.model.spec;

/**
 * Subsamples of a base model: by the quartiles or the median of a numeric column (type-7 quantiles),
 * or by the values of a text column such as region.
 *
 * @param split {@code quartiles}, {@code median} or {@code groups} (default for text columns)
 */
public record HeterogeneitySpec(String by, String split, String model) {
}
