package io.panelflow.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reasons a person reads: the failure's own words, never a class name. */
class FailureReasonTest {
    @Test
    void usesTheFirstMessageOfTheCauseChainAndSkipsWrappers() {
        IllegalArgumentException cause = new IllegalArgumentException("index DI: indicator 'flat' is constant");
        assertEquals("index DI: indicator 'flat' is constant", FailureReason.of(new RuntimeException(cause)));
        assertEquals("index DI: indicator 'flat' is constant", FailureReason.of(new IllegalStateException(null, cause)));
        assertEquals("outer words", FailureReason.of(new IllegalStateException("outer words", cause)));
    }

    @Test
    void namesNoClassWhenThereIsNoMessage() {
        for (Throwable t : new Throwable[]{new NullPointerException(), new OutOfMemoryError(), new StackOverflowError(),
                new InternalError(), new RuntimeException(new IllegalStateException())}) {
            String reason = FailureReason.of(t);
            assertFalse(reason.contains("Exception") || reason.contains("Error") || reason.contains("java."), reason);
        }
        assertTrue(FailureReason.of(new OutOfMemoryError("Java heap space")).startsWith("the computation ran out of memory (heap "));
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertEquals("30 min", FailureReason.human(Duration.ofMinutes(30)));
        assertEquals("3 s", FailureReason.human(Duration.ofSeconds(3)));
        assertEquals("90 s", FailureReason.human(Duration.ofSeconds(90)));
        assertEquals("500 ms", FailureReason.human(Duration.ofMillis(500)));
        assertEquals("2 h", FailureReason.human(Duration.ofHours(2)));
        assertEquals("2 h 30 min", FailureReason.human(Duration.ofMinutes(150)));
        assertEquals("the computation exceeded its deadline of 30 min; reduce the work (models, draws, panel size) "
                + "or raise the stage's deadline", FailureReason.deadline(Duration.ofMinutes(30)));
    }
}
