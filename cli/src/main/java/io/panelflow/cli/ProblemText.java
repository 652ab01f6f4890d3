package io.panelflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.frame.expr.ExpressionException;
import io.panelflow.ingest.upload.UploadProblem;
import io.panelflow.model.spec.SpecException;
import io.panelflow.model.spec.SpecLimitException;

/**
 * One line for a problem, {@code "<title>: <detail>"}, made alike from the ingest service's problem body and
 * from the exceptions its checks throw (titles and details as the service's problem mapper writes them), so
 * {@code panelflow validate} offline and a refused {@code panelflow submit} print the same line.
 */
public final class ProblemText {
    private ProblemText() {
    }

    /** The line of a problem body ({@code title}, {@code detail}); null when the body is not a problem. */
    public static String of(JsonNode problem) {
        if (problem == null || !problem.hasNonNull("title")) {
            return null;
        }
        String title = problem.get("title").asText();
        String detail = problem.hasNonNull("detail") ? problem.get("detail").asText() : "";
        return detail.isEmpty() ? title : title + ": " + detail;
    }

    /** The line the service would answer for an exception of its checks; null for any other exception. */
    public static String of(RuntimeException e) {
        if (e instanceof UploadProblem p) {
            return p.title() + ": " + p.detail();
        }
        if (e instanceof SpecLimitException l) {
            return "Spec over a limit: " + l.getMessage();
        }
        if (e instanceof SpecException s) {
            return "Invalid study spec: " + s.getMessage() + " (at " + s.path() + ")";
        }
        if (e instanceof ExpressionException x) {
            return "Invalid expression: " + x.getMessage();
        }
        return null;
    }
}
