package io.panelflow.system.drill;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a drill runs.
 *
 * @param root           the project checkout (its {@code deploy/local} scripts and packaged services)
 * @param stateDir       the drill stack's state: PID files, logs, broker data, the private PostgreSQL cluster
 * @param runs           uploads per fault (half before the fault, half while the component is down)
 * @param replicas       processes of index, estimation and report each (the first one is the one killed)
 * @param faults         the rounds, in order
 * @param down           how long the component stays down before the project's scripts bring it back
 * @param settle         how long to wait, after it is back, for every accepted run to end; later = stuck
 * @param javaOpts       JVM options of every service process ({@code PANELFLOW_JAVA_OPTS})
 * @param keepStack      leave the drill stack running at the end (for inspection)
 */
public record DrillOptions(Path root, Path stateDir, int runs, int replicas, List<Fault> faults, Duration down,
                           Duration settle, String javaOpts, boolean keepStack) {

    public static final String USAGE = """
            usage: faults.sh [--runs 50] [--replicas 1|2] [--faults broker,ingest,index,estimation,report,postgres]
                             [--down-seconds 5] [--settle-seconds 180] [--state-dir DIR] [--keep-stack]
            Prints one JSON line: per fault and in total the accepted uploads, the refused ones by status code,
            the completed, failed, stuck and doubled runs and the recovery seconds; exit status 0 when every
            accepted run completed exactly once (and, with the broker down, every upload was accepted; with
            PostgreSQL down, every refusal was a 503 problem body), else 1.""";

    public DrillOptions {
        if (runs < 2) {
            throw new IllegalArgumentException("--runs must be at least 2");
        }
        if (replicas < 1 || replicas > 6) {
            throw new IllegalArgumentException("--replicas must be between 1 and 6 (six partitions per stage topic)");
        }
        if (faults.isEmpty()) {
            throw new IllegalArgumentException("--faults names no fault");
        }
        faults = List.copyOf(faults);
    }

    public static DrillOptions defaults(Path root) {
        return new DrillOptions(root, root.resolve(".panelflow/drill"), 50, 1, List.of(Fault.values()),
                Duration.ofSeconds(5), Duration.ofSeconds(180), "-Xmx384m", false);
    }

    public DrillOptions withRuns(int n) {
        return new DrillOptions(root, stateDir, n, replicas, faults, down, settle, javaOpts, keepStack);
    }

    public DrillOptions withReplicas(int n) {
        return new DrillOptions(root, stateDir, runs, n, faults, down, settle, javaOpts, keepStack);
    }

    public DrillOptions withFaults(List<Fault> f) {
        return new DrillOptions(root, stateDir, runs, replicas, f, down, settle, javaOpts, keepStack);
    }

    public DrillOptions withStateDir(Path dir) {
        return new DrillOptions(root, dir, runs, replicas, faults, down, settle, javaOpts, keepStack);
    }

    public DrillOptions withSettle(Duration d) {
        return new DrillOptions(root, stateDir, runs, replicas, faults, down, d, javaOpts, keepStack);
    }

    public static DrillOptions parse(Path root, String[] args) {
        DrillOptions o = defaults(root);
        List<String> a = new ArrayList<>(Arrays.asList(args));
        while (!a.isEmpty()) {
            String flag = a.remove(0);
            if (flag.equals("--keep-stack")) {
                o = new DrillOptions(o.root, o.stateDir, o.runs, o.replicas, o.faults, o.down, o.settle, o.javaOpts, true);
                continue;
            }
            if (flag.equals("-h") || flag.equals("--help")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (a.isEmpty()) {
                throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
            }
            String v = a.remove(0);
            o = switch (flag) {
                case "--runs" -> o.withRuns(Integer.parseInt(v));
                case "--replicas" -> o.withReplicas(Integer.parseInt(v));
                case "--faults" -> o.withFaults(Arrays.stream(v.split(",")).filter(s -> !s.isBlank()).map(Fault::parse).toList());
                case "--down-seconds" -> new DrillOptions(o.root, o.stateDir, o.runs, o.replicas, o.faults,
                        Duration.ofSeconds(Long.parseLong(v)), o.settle, o.javaOpts, o.keepStack);
                case "--settle-seconds" -> o.withSettle(Duration.ofSeconds(Long.parseLong(v)));
                case "--state-dir" -> o.withStateDir(Path.of(v).toAbsolutePath());
                case "--java-opts" -> new DrillOptions(o.root, o.stateDir, o.runs, o.replicas, o.faults, o.down, o.settle, v, o.keepStack);
                default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
            };
        }
        return o;
    }
}
