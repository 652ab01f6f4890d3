package io.panelflow.cli;

/** Ends a command with a sentence for the user (no stack trace) and an exit code of {@link ExitCodes}. */
public class CliFailure extends RuntimeException {
    private final int exitCode;
    private final boolean transientFailure;

    public CliFailure(int exitCode, String message) {
        this(exitCode, message, false);
    }

    /** @param transientFailure the service could not be reached or was busy: asking again later may succeed */
    public CliFailure(int exitCode, String message, boolean transientFailure) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }

    public int exitCode() {
        return exitCode;
    }
}
