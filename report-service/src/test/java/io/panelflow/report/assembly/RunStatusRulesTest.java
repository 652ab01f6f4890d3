package io.panelflow.report.assembly;

import io.panelflow.model.RunStatus;
import io.panelflow.model.Stage;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static io.panelflow.model.RunStatus.ACCEPTED;
import static io.panelflow.model.RunStatus.COMPLETED;
import static io.panelflow.model.RunStatus.FAILED;
import static io.panelflow.model.RunStatus.RUNNING;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The ledger's transitions: no status goes backwards, FAILED ends a stage and a run. */
class RunStatusRulesTest {

    @Test
    void aStageMovesForwardOnly() {
        assertEquals(ACCEPTED, RunStatusRules.stage(null, ACCEPTED));
        assertEquals(RUNNING, RunStatusRules.stage(ACCEPTED, RUNNING));
        assertEquals(COMPLETED, RunStatusRules.stage(RUNNING, COMPLETED));
        assertEquals(COMPLETED, RunStatusRules.stage(ACCEPTED, COMPLETED), "a missed RUNNING is skipped");
        assertEquals(RUNNING, RunStatusRules.stage(RUNNING, ACCEPTED), "a late ACCEPTED is ignored");
        assertEquals(COMPLETED, RunStatusRules.stage(COMPLETED, RUNNING), "a late RUNNING never replaces COMPLETED");
        assertEquals(COMPLETED, RunStatusRules.stage(COMPLETED, ACCEPTED));
        assertEquals(COMPLETED, RunStatusRules.stage(COMPLETED, COMPLETED));
    }

    @Test
    void failedEndsAStageThatHasNotCompleted() {
        assertEquals(FAILED, RunStatusRules.stage(null, FAILED));
        assertEquals(FAILED, RunStatusRules.stage(ACCEPTED, FAILED));
        assertEquals(FAILED, RunStatusRules.stage(RUNNING, FAILED));
        assertEquals(FAILED, RunStatusRules.stage(FAILED, RUNNING), "a late RUNNING does not revive a failed stage");
        assertEquals(FAILED, RunStatusRules.stage(FAILED, ACCEPTED));
        assertEquals(FAILED, RunStatusRules.stage(FAILED, FAILED));
        assertEquals(COMPLETED, RunStatusRules.stage(COMPLETED, FAILED), "an output that exists is not undone");
        assertEquals(COMPLETED, RunStatusRules.stage(FAILED, COMPLETED), "a stage failed by the watchdog may finish late");
    }

    @Test
    void theRunFollowsItsStages() {
        assertEquals(ACCEPTED, RunStatusRules.run(null, stages(Stage.INGEST, ACCEPTED), false));
        assertEquals(ACCEPTED, RunStatusRules.run(ACCEPTED, stages(Stage.INGEST, COMPLETED), false));
        assertEquals(RUNNING, RunStatusRules.run(ACCEPTED, stages(Stage.INGEST, COMPLETED), true), "the indices arrived first");
        assertEquals(RUNNING, RunStatusRules.run(ACCEPTED, stages(Stage.INDEX, RUNNING), false));
        assertEquals(COMPLETED, RunStatusRules.run(RUNNING, stages(Stage.REPORT, COMPLETED), true));
        assertEquals(FAILED, RunStatusRules.run(RUNNING, stages(Stage.ESTIMATION, FAILED), true));
    }

    @Test
    void theRunNeverGoesBackAndFailedAndCompletedAreFinal() {
        assertEquals(RUNNING, RunStatusRules.run(RUNNING, stages(Stage.INGEST, ACCEPTED), false), "no way back to ACCEPTED");
        assertEquals(COMPLETED, RunStatusRules.run(COMPLETED, stages(Stage.ESTIMATION, RUNNING), true),
                "a late RUNNING never replaces COMPLETED");
        assertEquals(COMPLETED, RunStatusRules.run(COMPLETED, stages(Stage.INDEX, FAILED), true));
        // the watchdog failed estimation; estimation completes late: the stage shows it, the run stays FAILED
        Map<Stage, RunStatus> late = stages(Stage.ESTIMATION, RunStatusRules.stage(FAILED, COMPLETED));
        late.put(Stage.REPORT, COMPLETED);
        assertEquals(FAILED, RunStatusRules.run(FAILED, late, true));
        assertEquals(FAILED, RunStatusRules.run(FAILED, stages(Stage.INDEX, RUNNING), true));
    }

    private static Map<Stage, RunStatus> stages(Stage stage, RunStatus status) {
        Map<Stage, RunStatus> out = new EnumMap<>(Stage.class);
        out.put(Stage.INGEST, COMPLETED);
        out.put(stage, status);
        return out;
    }
}
