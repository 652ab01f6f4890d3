package io.panelflow.service;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.ToIntFunction;

/**
 * One pass of a janitor that deletes the rows older than a retention: runs the janitor's DELETE, logs how
 * many rows went (only when some did, at the janitor's level) and, when the DELETE fails, logs a warning
 * and leaves the rows to the next pass. Each janitor keeps its own {@code @Scheduled} method and
 * configuration keys (the scheduler does not inherit scheduled methods) and calls {@link #run} from it.
 */
public final class RetentionPurge {
    private final Logger log;
    private final Logger.Level purgedLevel;
    private final String purgeName;
    private final String rowsName;

    /**
     * @param janitor     the janitor, whose logger the lines go to
     * @param purgeName   what the warning calls the purge: "outbox" reads "outbox purge failed, will retry: …"
     * @param rowsName    what the purged rows are: "published outbox rows" reads
     *                    "purged 3 published outbox rows older than P7D"
     * @param purgedLevel the level of the "purged" line
     */
    public RetentionPurge(Class<?> janitor, String purgeName, String rowsName, Logger.Level purgedLevel) {
        this.log = Logger.getLogger(janitor);
        this.purgeName = purgeName;
        this.rowsName = rowsName;
        this.purgedLevel = purgedLevel;
    }

    /**
     * Deletes with {@code purge} the rows older than {@code retention}; returns how many went, or nothing
     * when the purge failed (then it is retried on the next pass).
     */
    public OptionalInt run(Duration retention, ToIntFunction<Duration> purge) {
        try {
            int purged = purge.applyAsInt(retention);
            if (purged > 0) {
                log.logf(purgedLevel, "purged %d %s older than %s", purged, rowsName, retention);
            }
            return OptionalInt.of(purged);
        } catch (RuntimeException e) {
            log.warnf("%s purge failed, will retry: %s", purgeName, e.getMessage());
            return OptionalInt.empty();
        }
    }
}
