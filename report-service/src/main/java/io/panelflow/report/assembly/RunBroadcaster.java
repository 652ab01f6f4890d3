package io.panelflow.report.assembly;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.SerializedProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/** Every change of a run, to every open server-sent-events stream of the dashboard. */
@ApplicationScoped
public class RunBroadcaster {
    // four consumer threads call changed() concurrently: the processor must serialize them
    private final BroadcastProcessor<RunSummary> broadcast = BroadcastProcessor.create();
    private final SerializedProcessor<RunSummary, RunSummary> processor = broadcast.serialized();

    public void changed(RunSummary run) {
        if (run != null) {
            processor.onNext(run);
        }
    }

    /** Each client gets its own buffer, so a burst of changes does not fail a slow dashboard. */
    public Multi<RunSummary> stream() {
        return broadcast.onOverflow().buffer(256);
    }
}
