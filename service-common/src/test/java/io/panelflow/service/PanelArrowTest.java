package io.panelflow.service;

import io.panelflow.model.event.ClaimCheck;
import io.panelflow.model.panel.PanelColumn;
import io.panelflow.model.panel.PanelTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Panels as Arrow IPC streams, and events whose panels travel as claim-checked Arrow streams. */
class PanelArrowTest {
    /** A panel record of an event, as the stages exchange them. */
    record Carrier(String runId, PanelTable panel, PanelTable groupPanel, List<String> notes) {
    }

    static PanelTable panel(int rows) {
        double[] x = new double[rows];
        double[] year = new double[rows];
        String[] unit = new String[rows];
        for (int i = 0; i < rows; i++) {
            unit[i] = i % 7 == 3 ? null : "城市-" + (i / 10);
            year[i] = 2000 + i % 10;
            x[i] = i % 5 == 0 ? Double.NaN : i * 1.346644434e-05 - 3;
        }
        return new PanelTable("unit", "year", null, List.of(PanelColumn.text("unit", unit),
                PanelColumn.numeric("year", year), PanelColumn.numeric("x", x)));
    }

    static void assertSamePanel(PanelTable expected, PanelTable actual) {
        assertEquals(expected.unit(), actual.unit());
        assertEquals(expected.time(), actual.time());
        assertEquals(expected.group(), actual.group());
        assertEquals(expected.columns().size(), actual.columns().size());
        for (int j = 0; j < expected.columns().size(); j++) {
            PanelColumn e = expected.columns().get(j);
            PanelColumn a = actual.columns().get(j);
            assertEquals(e.name(), a.name());
            assertEquals(e.kind(), a.kind());
            if (e.kind() == PanelColumn.ColumnKind.NUMERIC) {
                assertArrayEquals(e.numbers(), a.numbers(), 0.0, e.name());
            } else {
                assertArrayEquals(e.texts(), a.texts(), e.name());
            }
        }
    }

    @Test
    void aPanelReadsBackExactlyAcrossSeveralBatches() throws IOException {
        PanelTable panel = panel(PanelArrow.BATCH_ROWS * 2 + 17);
        byte[] arrow = PanelArrow.write(panel);
        PanelTable back = PanelArrow.read(arrow);
        assertSamePanel(panel, back);
        assertTrue(Double.isNaN(back.columns().get(2).numbers()[0]), "missing stays missing");
        assertNull(back.columns().get(0).texts()[3]);
    }

    @Test
    void anEmptyPanelAndAGroupKeyRoundTrip() throws IOException {
        PanelTable empty = new PanelTable("city", "year", "province",
                List.of(PanelColumn.numeric("y", new double[0]), PanelColumn.text("city", new String[0])));
        PanelTable back = PanelArrow.read(PanelArrow.write(empty));
        assertSamePanel(empty, back);
        assertEquals(0, back.rows());
    }

    @Test
    void bytesThatAreNotAnArrowPanelAreRefused() {
        assertThrows(IOException.class, () -> PanelArrow.read("{\"not\":\"arrow\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void withoutAStoreAPanelIsWrittenInlineWithNullForMissingNumbers() {
        String json = EventJson.text(panel(3));
        assertTrue(json.contains("\"numbers\":[null,"), json);
        assertFalse(json.contains("NaN"), json);
        assertSamePanel(panel(3), EventJson.read(json, PanelTable.class));
    }

    @Test
    void theCodecStoresEachPanelAsArrowAndTheRecordStaysSmallJson() {
        MemoryStore store = new MemoryStore();
        EventCodec codec = codec(store);
        Carrier event = new Carrier("r1", panel(200_000), panel(10), List.of("a"));
        String value = codec.encode("r1", "panel-cleaned", event);
        assertTrue(value.length() < 1000, value);
        assertTrue(value.contains("\"arrow\":{\"store\":\"memory\""), value);
        assertFalse(value.contains("claimCheck"), value);
        assertEquals(2, store.payloads.size());
        assertTrue(store.kinds.containsValue("panel-cleaned.panel"));
        Carrier back = codec.decode(value, Carrier.class);
        assertSamePanel(event.panel(), back.panel());
        assertSamePanel(event.groupPanel(), back.groupPanel());
        assertEquals(List.of("a"), back.notes());
    }

    @Test
    void aConsumerThatNeedsNoPanelSkipsThemWithoutReadingTheStore() {
        MemoryStore store = new MemoryStore();
        EventCodec codec = codec(store);
        String value = codec.encode("r1", "indices-computed", new Carrier("r1", panel(50), panel(5), List.of("kept")));
        store.down = true;
        Carrier back = codec.decodeWithoutPanels(value, Carrier.class);
        assertNull(back.panel());
        assertNull(back.groupPanel());
        assertEquals(List.of("kept"), back.notes());
    }

    @Test
    void anInlinePanelOfAnOlderRecordStillDecodes() {
        EventCodec codec = codec(new MemoryStore());
        String inline = EventJson.text(new Carrier("r1", panel(5), null, List.of()));
        assertSamePanel(panel(5), codec.decode(inline, Carrier.class).panel());
    }

    @Test
    void aMissingOrAlteredPanelIsUnreadableAndAStoreOutageIsTransient() {
        MemoryStore store = new MemoryStore();
        EventCodec codec = codec(store);
        String value = codec.encode("r1", "panel-cleaned", new Carrier("r1", panel(4), null, List.of()));
        String id = store.payloads.keySet().iterator().next();

        store.down = true;
        IllegalStateException outage = assertThrows(IllegalStateException.class, () -> codec.decode(value, Carrier.class));
        assertTrue(outage.getMessage().contains("store is down"), outage.getMessage());
        assertThrows(IllegalStateException.class, () -> codec.encode("r2", "panel-cleaned",
                new Carrier("r2", panel(4), null, List.of())));
        store.down = false;

        store.payloads.put(id, "not arrow".getBytes(StandardCharsets.UTF_8));
        UnreadableEventException altered = assertThrows(UnreadableEventException.class, () -> codec.decode(value, Carrier.class));
        assertTrue(altered.getMessage().contains("SHA-256"), altered.getMessage());

        store.payloads.remove(id);
        UnreadableEventException gone = assertThrows(UnreadableEventException.class, () -> codec.decode(value, Carrier.class));
        assertTrue(gone.getMessage().contains("not found"), gone.getMessage());
    }

    @Test
    void aLargeEventWithoutPanelsIsStillClaimCheckedWhole() {
        MemoryStore store = new MemoryStore();
        EventCodec codec = codec(store);
        List<String> notes = java.util.Collections.nCopies(2000, "x".repeat(200));
        String value = codec.encode("r1", "estimates-completed", new Carrier("r1", null, null, notes));
        assertTrue(value.contains("claimCheck"), value);
        assertEquals(notes, codec.decode(value, Carrier.class).notes());
    }

    static EventCodec codec(ClaimCheckStore store) {
        EventCodec codec = new EventCodec();
        codec.store = store;
        codec.thresholdBytes = 262_144;
        return codec;
    }

    /** A store in memory, with the real stores' verdicts: not found and hash mismatch unreadable, outage transient. */
    static final class MemoryStore implements ClaimCheckStore {
        final Map<String, byte[]> payloads = new ConcurrentHashMap<>();
        final Map<String, String> kinds = new ConcurrentHashMap<>();
        volatile boolean down;

        @Override
        public ClaimCheck put(String runId, String kind, PayloadWriter writer) {
            if (down) {
                throw new IllegalStateException("the store is down");
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try {
                writer.writeTo(out);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            byte[] payload = out.toByteArray();
            String id = UUID.randomUUID().toString();
            payloads.put(id, payload);
            kinds.put(id, kind);
            return new ClaimCheck("memory", id, ClaimCheckStore.sha256(payload), payload.length);
        }

        @Override
        public <T> T read(ClaimCheck check, PayloadReader<T> reader) throws java.io.IOException {
            if (down) {
                throw new IllegalStateException("the store is down");
            }
            byte[] b = payloads.get(check.id());
            if (b == null) {
                throw new UnreadableEventException("claim-checked payload " + check.id() + " not found", null);
            }
            return VerifiedPayloadInput.read(check, new java.io.ByteArrayInputStream(b), reader);
        }

        @Override
        public int purgeOlderThan(Duration retention) {
            return 0;
        }

        @Override
        public void ensureReady() {
        }
    }
}
