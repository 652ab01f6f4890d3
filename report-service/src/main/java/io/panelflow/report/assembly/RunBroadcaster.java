package io.panelflow.report.assembly;

import io.panelflow.report.persistence.RunChange;
import io.panelflow.report.persistence.RunChanges;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.SerializedProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;

/**
 * Every change of a run, to every open server-sent-events stream of this replica's dashboards. The
 * changes come from {@link RunChangeListener} (every replica's changes, in id order). A stream opened
 * with a last event id first replays what the client missed from {@code run_change} (at most
 * {@code panelflow.changes.replay-limit}, the latest), then continues live without a gap or a repeat.
 */
@ApplicationScoped
public class RunBroadcaster {
    /** Each client's own buffer: a burst of changes does not fail a slow dashboard, an overflow ends its stream. */
    static final int CLIENT_BUFFER = 2048;

    @Inject
    RunChanges changes;

    @ConfigProperty(name = "panelflow.changes.replay-limit", defaultValue = "1000")
    int replayLimit;

    private final BroadcastProcessor<RunChange> broadcast = BroadcastProcessor.create();
    private final SerializedProcessor<RunChange, RunChange> processor = broadcast.serialized();

    public void changed(RunChange change) {
        if (change != null) {
            processor.onNext(change);
        }
    }

    /** Live changes; with {@code lastEventId}, first the changes after it. */
    public Multi<RunChange> stream(Long lastEventId) {
        if (lastEventId == null) {
            return broadcast.onOverflow().buffer(CLIENT_BUFFER);
        }
        return Multi.createFrom().<RunChange>emitter(emitter -> {
            Object lock = new Object();
            List<RunChange> heldBack = new ArrayList<>();
            boolean[] replaying = {true};
            long[] last = {lastEventId};
            // subscribe to the live feed first, holding its items back until the replay is out
            Cancellable live = broadcast.subscribe().with(change -> {
                synchronized (lock) {
                    if (replaying[0]) {
                        heldBack.add(change);
                    } else if (change.id() > last[0]) {
                        last[0] = change.id();
                        emitter.emit(change);
                    }
                }
            }, emitter::fail, emitter::complete);
            emitter.onTermination(live::cancel);
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                try {
                    List<RunChange> missed = changes.missedSince(lastEventId, replayLimit);
                    synchronized (lock) {
                        for (RunChange change : missed) {
                            if (change.id() > last[0]) {
                                last[0] = change.id();
                                emitter.emit(change);
                            }
                        }
                        for (RunChange change : heldBack) {
                            if (change.id() > last[0]) {
                                last[0] = change.id();
                                emitter.emit(change);
                            }
                        }
                        heldBack.clear();
                        replaying[0] = false;
                    }
                } catch (RuntimeException e) {
                    emitter.fail(e);
                }
            });
        }, CLIENT_BUFFER);
    }
}
