package io.panelflow.service;

/**
 * The two roles of panelflow, the same in both security modes (HTTP Basic users files locally, the
 * token's {@code realm_access/roles} on clusters): a {@link #SUBMITTER} uploads runs and reads
 * everything, a {@link #VIEWER} only reads.
 */
public final class Roles {
    public static final String SUBMITTER = "submitter";
    public static final String VIEWER = "viewer";

    private Roles() {
    }
}
