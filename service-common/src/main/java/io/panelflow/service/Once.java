package io.panelflow.service;

/**
 * Preparation a component needs once per process before it is used (its tables created, its bucket found):
 * the first caller runs it while the others wait; an action that throws is run again by the next caller; once
 * it has succeeded, calls return at once.
 */
final class Once {
    private volatile boolean done;

    void run(Runnable action) {
        if (done) {
            return;
        }
        synchronized (this) {
            if (!done) {
                action.run();
                done = true;
            }
        }
    }
}
