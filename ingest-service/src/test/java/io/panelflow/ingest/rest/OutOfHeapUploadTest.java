package io.panelflow.ingest.rest;

import io.panelflow.ingest.intake.RunIntake;
import io.panelflow.ingest.upload.UploadProblem;
import io.panelflow.ingest.upload.UploadedFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A panel that does not fit in the ingest's heap is answered as too large (413, naming the heap and the
 * limits to lower), not as an internal error; any other failure passes through as it is.
 */
class OutOfHeapUploadTest {
    private static RunUploadResource resourceWhoseIntake(RuntimeException orNull, Error error) {
        RunUploadResource resource = new RunUploadResource();
        resource.intake = new RunIntake() {
            @Override
            public String accept(UploadedFile data, String specText) {
                if (error != null) {
                    throw error;
                }
                throw orNull;
            }
        };
        return resource;
    }

    private static final UploadedFile FILE = new UploadedFile(Path.of("panel.csv"), "panel.csv", 123_456_789L, "0".repeat(64));

    @Test
    void runningOutOfHeapIsA413NamingTheHeapAndTheLimits() {
        UploadProblem p = assertThrows(UploadProblem.class, () -> resourceWhoseIntake(null,
                new OutOfMemoryError("Java heap space")).acceptWithinHeap(FILE, "spec"));
        assertEquals(413, p.status());
        assertEquals("Panel too large for this service", p.title());
        long heapMiB = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        assertTrue(p.detail().contains("123456789 bytes"), p.detail());
        assertTrue(p.detail().contains("heap of " + heapMiB + " MiB"), p.detail());
        assertTrue(p.detail().contains("panelflow.limits.rows"), p.detail());
    }

    @Test
    void otherFailuresPassThrough() {
        IllegalStateException boom = new IllegalStateException("database down");
        assertEquals(boom, assertThrows(IllegalStateException.class,
                () -> resourceWhoseIntake(boom, null).acceptWithinHeap(FILE, "spec")));
    }
}
