package io.panelflow.model.spec;

/** A study spec that cannot be read or is invalid; {@code path} is the JSON path at fault (e.g. {@code $.models[0].vcov}). */
public class SpecException extends RuntimeException {
    private final String path;

    public SpecException(String path, String message) {
        super(message);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
