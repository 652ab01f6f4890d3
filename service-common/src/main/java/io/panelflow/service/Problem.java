package io.panelflow.service;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem body: {@code title}, {@code status}, {@code detail} and, where it applies, the
 * row, column and value at fault.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, Integer row, String column, String value,
                      String path) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null, null, null);
    }
}
