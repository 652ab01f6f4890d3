package io.panelflow.system;

import io.panelflow.system.drill.DrillOptions;
import io.panelflow.system.drill.DrillReport;
import io.panelflow.system.drill.Fault;
import io.panelflow.system.drill.FaultDrill;
import io.panelflow.system.drill.RoundResult;
import io.panelflow.testing.ProjectRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault drill ({@code deploy/drill/faults.sh}) in the suite: the whole stack on ports of its own
 * and a private PostgreSQL cluster, run by the project's scripts; 50 uploads per fault while the
 * broker, each service in turn (SIGKILL) and PostgreSQL (immediate stop) go down and are brought back.
 * Every accepted run must end COMPLETED exactly once — none failed, stuck or doubled; with the broker
 * down every upload is accepted; with PostgreSQL down every refusal is a 503 problem body.
 */
class FaultDrillTest {

    @Test
    void everyAcceptedRunCompletesExactlyOnceThroughEveryFault() throws Exception {
        drill(1);
    }

    /** Two processes of index, estimation and report; the first of each is the one killed. */
    @Test
    void twoReplicasOfEachConsumerPassTheSameDrill() throws Exception {
        drill(2);
    }

    private static void drill(int replicas) throws Exception {
        Path root = ProjectRoot.find();
        DrillOptions options = DrillOptions.defaults(root).withReplicas(replicas)
                .withStateDir(root.resolve("system-tests/target/drill-" + replicas));
        DrillReport report = FaultDrill.run(options);
        System.out.println("[fault drill, " + replicas + " replica(s)] " + report.toJsonLine());
        assertEquals(Fault.values().length, report.rounds().size());
        List<Executable> checks = new ArrayList<>();
        for (RoundResult r : report.rounds()) {
            String f = r.fault().label() + ": ";
            checks.add(() -> assertTrue(r.accepted() > 0, f + "some uploads accepted"));
            checks.add(() -> assertEquals(r.accepted(), r.completed(), f + "every accepted run COMPLETED " + r.toJsonLine()));
            checks.add(() -> assertEquals(0, r.failed(), f + "no run FAILED " + r.failureReasons()));
            checks.add(() -> assertEquals(0, r.stuck(), f + "no run stuck"));
            checks.add(() -> assertEquals(0, r.doubled(), f + "no run with two results or two reports-ready records"));
            if (r.fault() == Fault.BROKER) {
                checks.add(() -> assertEquals(0, r.refusedTotal(), f + "every upload accepted with the broker down " + r.refusalSamples()));
            }
            if (r.fault() == Fault.POSTGRES) {
                checks.add(() -> assertEquals(r.refusedTotal(), r.refused().getOrDefault("503", 0),
                        f + "refusals with PostgreSQL down are 503 " + r.refusalSamples()));
                checks.add(() -> assertEquals(r.refusedTotal(), r.refusedProblems(), f + "refusals are problem bodies " + r.refusalSamples()));
            }
        }
        assertAll("fault drill " + report.toJsonLine(), checks);
    }
}
