package io.panelflow.report.assembly;

import io.panelflow.model.RunStatus;
import io.panelflow.model.Stage;

import java.util.Map;

/**
 * How the ledger merges a status it hears into what it already knows. Events of one run come from
 * four topics and may be late or redelivered, so the ledger never moves a status backwards:
 *
 * <ul>
 *   <li>A stage goes ACCEPTED &lt; RUNNING &lt; COMPLETED; a lower status after a higher one is
 *       ignored (a late RUNNING never replaces COMPLETED).</li>
 *   <li>FAILED ends a stage that has not completed. A stage that already COMPLETED stays COMPLETED
 *       (a stale FAILED does not undo an output that exists).</li>
 *   <li>The one way out of FAILED for a stage is COMPLETED: a stage the watchdog failed for lack of
 *       progress may still finish late. The stage then shows COMPLETED, but the <em>run</em> stays
 *       FAILED with its first reason — a run's FAILED and COMPLETED are both final, nothing revives
 *       a failed run and its report is not built.</li>
 * </ul>
 */
public final class RunStatusRules {
    private RunStatusRules() {
    }

    /** The stage's status after hearing {@code incoming}; {@code current} is null for a stage not heard of yet. */
    public static RunStatus stage(RunStatus current, RunStatus incoming) {
        if (current == null) {
            return incoming;
        }
        if (current == RunStatus.FAILED) {
            return incoming == RunStatus.COMPLETED ? RunStatus.COMPLETED : RunStatus.FAILED;
        }
        if (current == RunStatus.COMPLETED) {
            return RunStatus.COMPLETED;
        }
        if (incoming == RunStatus.FAILED) {
            return RunStatus.FAILED;
        }
        return incoming.ordinal() > current.ordinal() ? incoming : current;
    }

    /**
     * The run's status from its stages: FAILED once any stage failed, COMPLETED with the report,
     * RUNNING once a stage after ingest started (or its output arrived), else ACCEPTED — and never
     * earlier than {@code current}; FAILED and COMPLETED are final.
     *
     * @param stages           the stages' latest statuses
     * @param laterStageOutput the indices or the estimates have arrived
     */
    public static RunStatus run(RunStatus current, Map<Stage, RunStatus> stages, boolean laterStageOutput) {
        if (current == RunStatus.FAILED || current == RunStatus.COMPLETED) {
            return current;
        }
        if (stages.containsValue(RunStatus.FAILED)) {
            return RunStatus.FAILED;
        }
        RunStatus next = RunStatus.ACCEPTED;
        if (stages.get(Stage.REPORT) == RunStatus.COMPLETED) {
            next = RunStatus.COMPLETED;
        } else if (laterStageOutput || stages.keySet().stream().anyMatch(s -> s != Stage.INGEST)) {
            next = RunStatus.RUNNING;
        }
        return current != null && current.ordinal() > next.ordinal() ? current : next;
    }
}
