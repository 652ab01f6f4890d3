package io.panelflow.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The reference cases (data and expected numbers from R fixest, plm, AER) live in the folder
 * {@code shared/reference} beside the project checkout. They are read at test time, never copied.
 * Where the folder is absent, a test that needs it is skipped with a message saying so, never passed.
 *
 * <p>The folder is found from the system property {@code panelflow.shared.dir}, the environment
 * variable {@code PANELFLOW_SHARED_DIR}, or by walking up from the working directory to a folder
 * that has a sibling {@code shared/reference}.
 */
public final class SharedReference {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedReference() {
    }

    /** The shared folder, or null when it cannot be found. */
    public static Path sharedDir() {
        for (String candidate : new String[]{System.getProperty("panelflow.shared.dir"), System.getenv("PANELFLOW_SHARED_DIR")}) {
            if (candidate != null && !candidate.isBlank() && Files.isDirectory(Paths.get(candidate, "reference"))) {
                return Paths.get(candidate).toAbsolutePath().normalize();
            }
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path shared = p.resolveSibling("shared");
            if (Files.isDirectory(shared.resolve("reference"))) {
                return shared.normalize();
            }
        }
        return null;
    }

    /** A file of {@code shared/reference}; skips the calling test (visibly) when it is absent. */
    public static Path reference(String fileName) {
        Path dir = sharedDir();
        Assumptions.assumeTrue(dir != null,
                "SKIPPED: reference cases not found (set panelflow.shared.dir); cannot check " + fileName);
        Path file = dir.resolve("reference").resolve(fileName);
        Assumptions.assumeTrue(Files.isRegularFile(file), "SKIPPED: reference file " + fileName + " not found");
        return file;
    }

    /** A file of {@code shared/data}; skips the calling test (visibly) when it is absent. */
    public static Path data(String fileName) {
        Path dir = sharedDir();
        Assumptions.assumeTrue(dir != null, "SKIPPED: shared data not found; cannot read " + fileName);
        Path file = dir.resolve("data").resolve(fileName);
        Assumptions.assumeTrue(Files.isRegularFile(file), "SKIPPED: shared data file " + fileName + " not found");
        return file;
    }

    /** The parsed {@code <id>.json} of a reference case. */
    public static JsonNode json(String caseId) {
        try {
            return JSON.readTree(reference(caseId + ".json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
