package io.panelflow.report.assembly;

import io.panelflow.model.Stage;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/**
 * How long a run may go without progress before the watchdog fails it, per stage it waits on
 * ({@code panelflow.watchdog.<stage>.deadline}). A stage may compute for up to
 * {@code panelflow.stage.deadline} (30 min) and then retry publishing for up to
 * {@code panelflow.retry.max-duration} (15 min) before it reports anything, so the index and
 * estimation deadlines (50 min) are longer than both together: a real computation is never cut.
 * The report deadline covers rendering plus the retry budget. {@code accepted} covers an accepted run
 * that no stage has picked up yet; a backlog longer than that (many runs queued behind one worker) is
 * failed too — raise it with the queue.
 */
@ConfigMapping(prefix = "panelflow.watchdog")
public interface WatchdogDeadlines {
    /** How often the watchdog looks. */
    @WithDefault("30s")
    String every();

    /** The first look, after start. */
    @WithDefault("10s")
    String delayed();

    @WithName("accepted.deadline")
    @WithDefault("PT10M")
    Duration accepted();

    @WithName("ingest.deadline")
    @WithDefault("PT20M")
    Duration ingest();

    @WithName("index.deadline")
    @WithDefault("PT50M")
    Duration index();

    @WithName("estimation.deadline")
    @WithDefault("PT50M")
    Duration estimation();

    @WithName("report.deadline")
    @WithDefault("PT20M")
    Duration report();

    default Duration of(Stage stage) {
        return switch (stage) {
            case INGEST -> ingest();
            case INDEX -> index();
            case ESTIMATION -> estimation();
            case REPORT -> report();
        };
    }

    /** The shortest deadline: runs without progress for less than this are not looked at. */
    default Duration shortest() {
        Duration d = accepted();
        for (Stage s : Stage.values()) {
            d = of(s).compareTo(d) < 0 ? of(s) : d;
        }
        return d;
    }
}
