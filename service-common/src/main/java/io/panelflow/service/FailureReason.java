package io.panelflow.service;

import java.time.Duration;

/**
 * The words a person reads when a run fails: what went wrong and, where it helps, what to do. Built
 * from a throwable's own message (the first one in its cause chain that has one), never from the
 * name of its class.
 */
public final class FailureReason {
    private static final long MB = 1024 * 1024;

    private FailureReason() {
    }

    /** The reason of a failed computation. */
    public static String of(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return outOfMemory();
        }
        if (e instanceof StackOverflowError) {
            return "the computation nested too deeply (stack overflow); simplify the expression or formula that "
                    + "nests many levels, or give the service a larger thread stack (-Xss)";
        }
        String m = message(e);
        if (m != null) {
            return m;
        }
        return e instanceof Error
                ? "the computation stopped on an internal error of the runtime; see the service log"
                : "the computation failed without saying why; see the service log";
    }

    /** The reason of a computation that ran out of heap. */
    public static String outOfMemory() {
        long heap = Runtime.getRuntime().maxMemory() / MB;
        return "the computation ran out of memory (heap " + heap + " MB); give the service more memory "
                + "(JAVA_OPTS -Xmx or the container limit) or reduce the panel, the number of models or "
                + "the bootstrap draws";
    }

    /** The reason of a computation stopped at its deadline. */
    public static String deadline(Duration deadline) {
        return "the computation exceeded its deadline of " + human(deadline)
                + "; reduce the work (models, draws, panel size) or raise the stage's deadline";
    }

    /** The first message in the cause chain, or null when none has one. */
    public static String message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            // a wrapper made with new X(cause) carries the cause's toString, class name first: skip to the cause
            boolean wrapper = t.getCause() != null && t.getCause() != t && t.getCause().toString().equals(m);
            if (m != null && !m.isBlank() && !wrapper) {
                return m;
            }
        }
        return null;
    }

    /** {@code 30 min}, {@code 45 s}, {@code 500 ms}, {@code 1 h 30 min}. */
    public static String human(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + " ms";
        }
        long s = ms / 1000;
        if (s % 60 != 0 || s < 60) {
            return s + " s";
        }
        long min = s / 60;
        if (min < 60 || min % 60 != 0 && min < 120) {
            return min + " min";
        }
        return min % 60 == 0 ? (min / 60) + " h" : (min / 60) + " h " + (min % 60) + " min";
    }
}
