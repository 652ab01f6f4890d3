package io.panelflow.cli;

/** The exit codes of the {@code panelflow} command, as the README documents them. */
public final class ExitCodes {
    /** Done: the run was accepted (or completed, with {@code --wait}), the files were written, the spec is valid. */
    public static final int OK = 0;
    /** The run failed (its reason is printed), or a document cannot exist because the run failed. */
    public static final int RUN_FAILED = 1;
    /** A usage error (unknown option, missing argument, unreadable file, unknown run) or invalid spec or data. */
    public static final int INVALID = 2;
    /** The service could not be reached, refused the credentials, or answered with a server error. */
    public static final int UNAVAILABLE = 3;

    private ExitCodes() {
    }
}
