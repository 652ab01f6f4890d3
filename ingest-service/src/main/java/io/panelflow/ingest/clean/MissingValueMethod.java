package io.panelflow.ingest.clean;

import io.panelflow.ingest.upload.UploadProblem;

import java.util.Locale;

/** How missing values are filled within a unit over time (the spec's {@code cleaning.missing}); see {@link GapFilling}. */
public enum MissingValueMethod {
    /** Left missing. */
    NONE("left missing"),
    /** Linear interpolation between the bracketing observations. */
    LINEAR("linear interpolation"),
    /** Average growth rate (the "annual average method"): geometric interpolation. */
    GROWTH("average growth rate"),
    /** The value of the nearest observation in time. */
    NEAREST("the nearest value");

    private final String description;

    MissingValueMethod(String description) {
        this.description = description;
    }

    /** How the method reads in a note: "filled by linear interpolation". */
    public String description() {
        return description;
    }

    public static MissingValueMethod fromSpec(String name) {
        if (name == null) {
            return NONE;
        }
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw UploadProblem.of("Invalid cleaning method", "cleaning.missing is '" + name
                    + "'; use none, linear, growth or nearest");
        }
    }
}
