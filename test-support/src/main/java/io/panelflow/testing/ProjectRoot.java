package io.panelflow.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The project checkout's root: the folder holding {@code deploy/kafka/pom.xml}, found from the
 * system property {@code panelflow.root}, the environment variable {@code PANELFLOW_ROOT}, or by
 * walking up from the working directory (a module's folder when Maven runs the tests).
 */
public final class ProjectRoot {
    private static final String MARKER = "deploy/kafka/pom.xml";

    private ProjectRoot() {
    }

    public static Path find() {
        for (String candidate : new String[]{System.getProperty("panelflow.root"), System.getenv("PANELFLOW_ROOT")}) {
            if (candidate != null && !candidate.isBlank() && Files.isRegularFile(Paths.get(candidate, MARKER))) {
                return Paths.get(candidate).toAbsolutePath().normalize();
            }
        }
        Path start = Paths.get(System.getProperty("user.dir", "")).toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(MARKER))) {
                return p.normalize();
            }
        }
        throw new IllegalStateException("cannot find the panelflow project root (a folder holding " + MARKER
                + ") above " + start + "; set -Dpanelflow.root or PANELFLOW_ROOT");
    }

    /** The git-ignored folder for local state and caches, created if absent. */
    public static Path stateDir() {
        Path dir = find().resolve(".panelflow");
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return dir;
    }
}
