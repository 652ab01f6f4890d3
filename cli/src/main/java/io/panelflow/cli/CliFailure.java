package io.panelflow.cli;

/** Ends a command with a sentence for the user (no stack trace) and an exit code of {@link ExitCodes}. */
public class CliFailure extends RuntimeException {
    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
