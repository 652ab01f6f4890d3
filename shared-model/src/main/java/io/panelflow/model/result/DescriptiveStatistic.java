package io.panelflow.model.result;

/** Descriptive statistics of one variable over its non-missing observations (sample sd, n − 1). */
public record DescriptiveStatistic(String variable, int obs, double mean, double sd, double min, double median,
                                   double max) {
}
