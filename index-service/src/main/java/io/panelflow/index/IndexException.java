package io.panelflow.index;

/**
 * An index cannot be computed from the given data: a constant or all-missing indicator, a
 * non-positive value where a logarithm or a ratio needs a positive one, a singular correlation
 * matrix, an unknown method. The message names the index, the indicator or column and, where it
 * applies, the group-year or year at fault.
 */
public class IndexException extends RuntimeException {

    public IndexException(String message) {
        super(message);
    }

    public IndexException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The same failure with a prefix saying where it happened, e.g. {@code "index DT, year 1970"}. */
    public IndexException within(String where) {
        return new IndexException(where + ": " + getMessage(), this);
    }
}
