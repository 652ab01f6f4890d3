package io.panelflow.report.assembly;

import io.panelflow.model.RunStatus;
import io.panelflow.model.Stage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which stage a run waits on, which deadline applies, and the watchdog's reason. */
class RunProgressTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static final WatchdogDeadlines DEADLINES = new WatchdogDeadlines() {
        public String every() {
            return "30s";
        }

        public String delayed() {
            return "10s";
        }

        public Duration accepted() {
            return Duration.ofMinutes(5);
        }

        public Duration ingest() {
            return Duration.ofMinutes(10);
        }

        public Duration index() {
            return Duration.ofMinutes(20);
        }

        public Duration estimation() {
            return Duration.ofMinutes(35);
        }

        public Duration report() {
            return Duration.ofMinutes(10);
        }
    };

    static RunProgress at(RunStatus run, Map<Stage, RunStatus> stages, Stage lastOutput, Duration quiet) {
        return RunProgress.of(run, stages, lastOutput, T0, T0.plus(quiet), DEADLINES);
    }

    static Map<Stage, RunStatus> stages(Object... pairs) {
        Map<Stage, RunStatus> out = new EnumMap<>(Stage.class);
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((Stage) pairs[i], (RunStatus) pairs[i + 1]);
        }
        return out;
    }

    @Test
    void aRunningEstimationHasItsOwnLongDeadline() {
        RunProgress p = at(RunStatus.RUNNING, stages(Stage.INGEST, RunStatus.COMPLETED, Stage.INDEX, RunStatus.COMPLETED,
                Stage.ESTIMATION, RunStatus.RUNNING), Stage.INDEX, Duration.ofMinutes(34));
        assertEquals(Stage.ESTIMATION, p.waitingOn());
        assertFalse(p.stuck(), "a 34-minute computation is not cut");
        p = at(RunStatus.RUNNING, stages(Stage.INGEST, RunStatus.COMPLETED, Stage.INDEX, RunStatus.COMPLETED,
                Stage.ESTIMATION, RunStatus.RUNNING), Stage.INDEX, Duration.ofSeconds(35 * 60 + 10));
        assertTrue(p.stuck());
        assertEquals("no progress in estimation for 35m 10s (deadline 35m)", p.reason());
    }

    @Test
    void aCompletedStageWaitsOnTheNext() {
        RunProgress p = at(RunStatus.RUNNING, stages(Stage.INDEX, RunStatus.COMPLETED), null, Duration.ofMinutes(1));
        assertEquals(Stage.ESTIMATION, p.waitingOn());
        assertEquals(Duration.ofMinutes(35), p.deadline());
        // the estimates arrived before estimation's COMPLETED status: the report is awaited
        p = at(RunStatus.RUNNING, stages(Stage.ESTIMATION, RunStatus.RUNNING), Stage.ESTIMATION, Duration.ofMinutes(1));
        assertEquals(Stage.REPORT, p.waitingOn());
        assertEquals(Duration.ofMinutes(10), p.deadline());
    }

    @Test
    void anAcceptedRunThatNoStagePicksUpHasTheShortDeadline() {
        RunProgress p = at(RunStatus.ACCEPTED, stages(Stage.INGEST, RunStatus.COMPLETED), Stage.INGEST, Duration.ofMinutes(6));
        assertEquals(Stage.INDEX, p.waitingOn());
        assertEquals(Duration.ofMinutes(5), p.deadline());
        assertTrue(p.stuck());
        assertEquals("no progress in index for 6m (deadline 5m)", p.reason());
        p = at(RunStatus.ACCEPTED, stages(Stage.INGEST, RunStatus.RUNNING), null, Duration.ofMinutes(6));
        assertEquals(Stage.INGEST, p.waitingOn());
        assertEquals(Duration.ofMinutes(10), p.deadline());
        p = at(RunStatus.ACCEPTED, stages(), null, Duration.ofSeconds(1));
        assertEquals(Stage.INGEST, p.waitingOn());
    }

    @Test
    void aFinishedRunWaitsOnNothing() {
        assertNull(at(RunStatus.COMPLETED, stages(Stage.REPORT, RunStatus.COMPLETED), Stage.ESTIMATION, Duration.ofDays(1)));
        assertNull(at(RunStatus.FAILED, stages(Stage.INDEX, RunStatus.FAILED), null, Duration.ofDays(1)));
    }

    @Test
    void durationsReadAsAPersonWritesThem() {
        assertEquals("0s", RunProgress.human(Duration.ZERO));
        assertEquals("42s", RunProgress.human(Duration.ofSeconds(42)));
        assertEquals("1h 5m", RunProgress.human(Duration.ofMinutes(65)));
        assertEquals("2m 3s", RunProgress.human(Duration.ofSeconds(123)));
    }
}
