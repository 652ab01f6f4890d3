package io.panelflow.estimation.formula;

/** A formula that cannot be turned into a design on a panel; the message names the term or column at fault. */
public class ModelFrameException extends RuntimeException {
    private final String term;

    public ModelFrameException(String term, String message) {
        super(message);
        this.term = term;
    }

    public ModelFrameException(String term, String message, Throwable cause) {
        super(message, cause);
        this.term = term;
    }

    /** The term or column at fault, or null. */
    public String term() {
        return term;
    }
}
