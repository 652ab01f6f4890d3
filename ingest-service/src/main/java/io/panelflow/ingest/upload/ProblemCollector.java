package io.panelflow.ingest.upload;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects upload problems during a pass over the data: keeps the first
 * {@value UploadProblem#MAX_COLLECTED}, counts all, and throws them as one {@link UploadProblem}.
 */
public final class ProblemCollector {
    private final List<UploadProblem> problems = new ArrayList<>();
    private int total;

    public void add(UploadProblem problem) {
        total++;
        if (problems.size() < UploadProblem.MAX_COLLECTED) {
            problems.add(problem);
        }
    }

    public boolean isEmpty() {
        return total == 0;
    }

    public int total() {
        return total;
    }

    /** Whether enough problems are collected that further checks would only be counted, not kept. */
    public boolean full() {
        return problems.size() >= UploadProblem.MAX_COLLECTED;
    }

    /** Throws the collected problems (the first described, the rest counted); does nothing when there are none. */
    public void throwIfAny() {
        if (total > 0) {
            throw UploadProblem.firstOf(problems, total);
        }
    }
}
