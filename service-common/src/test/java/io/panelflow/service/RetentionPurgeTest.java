package io.panelflow.service;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A janitor's pass: the DELETE gets the retention, its count comes back, a failing DELETE waits for the next pass. */
class RetentionPurgeTest {
    private final RetentionPurge purge = new RetentionPurge(RetentionPurgeTest.class, "test", "test rows", Logger.Level.INFO);

    @Test
    void deletesWithTheRetentionAndReturnsHowManyRowsWent() {
        List<Duration> asked = new ArrayList<>();
        OptionalInt purged = purge.run(Duration.ofDays(7), retention -> {
            asked.add(retention);
            return 3;
        });
        assertEquals(List.of(Duration.ofDays(7)), asked);
        assertEquals(OptionalInt.of(3), purged);
        assertEquals(OptionalInt.of(0), purge.run(Duration.ofHours(1), retention -> 0));
    }

    @Test
    void aFailingDeleteIsLeftToTheNextPass() {
        OptionalInt purged = purge.run(Duration.ofHours(1), retention -> {
            throw new IllegalStateException("the database is unavailable");
        });
        assertEquals(OptionalInt.empty(), purged);
    }
}
