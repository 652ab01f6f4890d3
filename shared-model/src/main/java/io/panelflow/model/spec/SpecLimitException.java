package io.panelflow.model.spec;

/**
 * A spec value over a cost limit ({@link SpecLimits}): the message names the field, the value, the limit and
 * the configuration key that sets it.
 */
public class SpecLimitException extends SpecException {
    private final String value;
    private final String configKey;

    public SpecLimitException(String path, String message, String value, String configKey) {
        super(path, message);
        this.value = value;
        this.configKey = configKey;
    }

    /** The value as written in the spec (for a list: its number of entries). */
    public String value() {
        return value;
    }

    /** {@code panelflow.limits.bootstrap-draws}. */
    public String configKey() {
        return configKey;
    }
}
