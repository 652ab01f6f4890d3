package io.panelflow.report.assembly;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/** Every change of a run, to every open server-sent-events stream of the dashboard. */
@ApplicationScoped
public class RunBroadcaster {
    private final BroadcastProcessor<RunSummary> processor = BroadcastProcessor.create();

    public void changed(RunSummary run) {
        if (run != null) {
            processor.onNext(run);
        }
    }

    public Multi<RunSummary> stream() {
        return processor;
    }
}
