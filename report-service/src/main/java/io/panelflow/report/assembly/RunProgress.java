package io.panelflow.report.assembly;

import io.panelflow.model.RunStatus;
import io.panelflow.model.Stage;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Which stage a run in flight is waiting on, and whether it has gone past that stage's deadline
 * without progress. The stage waited on is the furthest stage heard of (by its status or its
 * output) if it has not completed, else the next one. While the run is still ACCEPTED (no stage
 * after ingest has started) the {@code accepted} deadline applies.
 */
public record RunProgress(Stage waitingOn, Duration deadline, Duration withoutProgress) {

    public boolean stuck() {
        return withoutProgress.compareTo(deadline) > 0;
    }

    /** The watchdog's reason, e.g. "no progress in estimation for 35m 10s (deadline 35m)". */
    public String reason() {
        return "no progress in " + waitingOn.name().toLowerCase() + " for " + human(withoutProgress)
                + " (deadline " + human(deadline) + ")";
    }

    /**
     * @param run          the run's status; null for a run that is COMPLETED or FAILED (nothing to wait on)
     * @param stages       the stages' latest statuses
     * @param lastOutput   the furthest stage whose output the ledger holds (INGEST for the cleaned panel,
     *                     INDEX for the indices, ESTIMATION for the estimates), or null
     * @param progressAt   when the run last moved forward
     */
    public static RunProgress of(RunStatus run, Map<Stage, RunStatus> stages, Stage lastOutput, Instant progressAt,
                                 Instant now, WatchdogDeadlines deadlines) {
        if (run == RunStatus.COMPLETED || run == RunStatus.FAILED) {
            return null;
        }
        Stage furthest = lastOutput;
        for (Stage s : stages.keySet()) {
            if (furthest == null || s.ordinal() > furthest.ordinal()) {
                furthest = s;
            }
        }
        Stage waiting;
        if (furthest == null) {
            waiting = Stage.INGEST;
        } else {
            boolean done = furthest == lastOutput || stages.get(furthest) == RunStatus.COMPLETED;
            waiting = done && furthest != Stage.REPORT ? Stage.values()[furthest.ordinal() + 1] : furthest;
        }
        Duration deadline = waiting != Stage.INGEST && run == RunStatus.ACCEPTED
                ? deadlines.accepted() : deadlines.of(waiting);
        Duration without = Duration.between(progressAt, now);
        return new RunProgress(waiting, deadline, without.isNegative() ? Duration.ZERO : without);
    }

    /** 35m, 1h 5m, 42s, 2m 3s. */
    static String human(Duration d) {
        long s = d.toSeconds();
        long h = s / 3600, m = s % 3600 / 60, sec = s % 60;
        StringBuilder out = new StringBuilder();
        if (h > 0) {
            out.append(h).append('h');
        }
        if (m > 0) {
            out.append(out.isEmpty() ? "" : " ").append(m).append('m');
        }
        if (sec > 0 || out.isEmpty()) {
            out.append(out.isEmpty() ? "" : " ").append(sec).append('s');
        }
        return out.toString();
    }
}
