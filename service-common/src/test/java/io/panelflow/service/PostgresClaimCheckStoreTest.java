package io.panelflow.service;

import io.panelflow.model.event.ClaimCheck;
import io.panelflow.model.panel.PanelColumn;
import io.panelflow.model.panel.PanelTable;
import io.panelflow.testing.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PostgreSQL claim-check store against a real PostgreSQL (a fresh database): payloads larger than a
 * chunk stream in and out and hash to their claim; a damaged chunk, a missing payload and another store's
 * check are unreadable; a writer failing halfway leaves no row; purge removes payloads with their chunks;
 * rows of earlier versions (bytes inline) still read; a panel streams through as Arrow.
 */
class PostgresClaimCheckStoreTest {
    private static PostgresDatabase database;
    private static PostgresClaimCheckStore store;

    @BeforeAll
    static void start() {
        database = PostgresDatabase.createFresh();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(database.jdbcUrl());
        ds.setUser(database.username());
        ds.setPassword(database.password());
        store = new PostgresClaimCheckStore();
        store.dataSource = ds;
        store.ensureReady();
    }

    @AfterAll
    static void stop() {
        if (database != null) {
            database.close();
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static long count(String sql, String id) throws SQLException {
        try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aPayloadOfSeveralChunksStreamsInAndOut() throws Exception {
        byte[] payload = random(2 * PostgresClaimCheckStore.CHUNK_BYTES + 12_345, 1);
        ClaimCheck check = store.put("run-1", "panel-cleaned.panel", payload);
        assertEquals(PostgresClaimCheckStore.STORE, check.store());
        assertEquals(payload.length, check.bytes());
        assertEquals(ClaimCheckStore.sha256(payload), check.sha256());
        assertEquals(3, count("select count(*) from claimcheck.payload_chunk where id = ?", check.id()));
        assertArrayEquals(payload, store.get(check));
        // a reader that stops early still gets its answer, once the rest is read and checked
        byte[] head = store.read(check, in -> in.readNBytes(10));
        assertArrayEquals(java.util.Arrays.copyOf(payload, 10), head);
    }

    @Test
    void anEmptyPayloadReadsBackEmpty() {
        ClaimCheck check = store.put("run-1", "empty", new byte[0]);
        assertEquals(0, check.bytes());
        assertArrayEquals(new byte[0], store.get(check));
    }

    @Test
    void aDamagedChunkAMissingPayloadAndAnotherStoreAreUnreadable() throws Exception {
        byte[] payload = random(PostgresClaimCheckStore.CHUNK_BYTES + 10, 2);
        ClaimCheck check = store.put("run-2", "panel-cleaned.panel", payload);
        try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(
                "update claimcheck.payload_chunk set content = overlay(content placing '\\x00'::bytea from 5 for 1) "
                        + "where id = ? and seq = 1")) {
            ps.setString(1, check.id());
            assertEquals(1, ps.executeUpdate());
        }
        UnreadableEventException damaged = assertThrows(UnreadableEventException.class, () -> store.get(check));
        assertTrue(damaged.getMessage().contains("SHA-256"), damaged.getMessage());
        // the reader failing on the damaged bytes first does not hide the verdict
        UnreadableEventException first = assertThrows(UnreadableEventException.class,
                () -> store.read(check, in -> {
                    in.readAllBytes();
                    throw new IOException("not what I read");
                }));
        assertTrue(first.getMessage().contains("SHA-256"), first.getMessage());
        UnreadableEventException gone = assertThrows(UnreadableEventException.class, () -> store.get(
                new ClaimCheck(PostgresClaimCheckStore.STORE, UUID.randomUUID().toString(), check.sha256(), 3)));
        assertTrue(gone.getMessage().contains("not found"), gone.getMessage());
        UnreadableEventException other = assertThrows(UnreadableEventException.class, () -> store.get(
                new ClaimCheck("s3:bucket/claimcheck/", check.id(), check.sha256(), 3)));
        assertTrue(other.getMessage().contains("unknown claim-check store"), other.getMessage());
    }

    @Test
    void aReaderFailingOnIntactBytesIsThrownAsItIs() {
        ClaimCheck check = store.put("run-3", "x", "not arrow".getBytes(StandardCharsets.UTF_8));
        IOException e = assertThrows(IOException.class, () -> store.read(check, PanelArrow::read));
        assertTrue(e.getMessage().contains("Arrow"), e.getMessage());
    }

    @Test
    void aWriterFailingHalfwayLeavesNothing() throws Exception {
        String run = "run-fails-" + UUID.randomUUID();
        byte[] part = random(PostgresClaimCheckStore.CHUNK_BYTES * 2, 3);
        assertThrows(RuntimeException.class, () -> store.put(run, "panel-cleaned.panel", out -> {
            out.write(part);
            throw new IOException("the writer broke");
        }));
        assertEquals(0, count("select count(*) from claimcheck.payload where run_id = ?", run));
        try (Connection c = database.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from claimcheck.payload_chunk c where not exists "
                     + "(select 1 from claimcheck.payload p where p.id = c.id)")) {
            rs.next();
            assertEquals(0, rs.getLong(1), "chunks without a payload row");
        }
    }

    @Test
    void purgeRemovesOldPayloadsWithTheirChunks() throws Exception {
        ClaimCheck old = store.put("run-4", "old", random(PostgresClaimCheckStore.CHUNK_BYTES + 1, 4));
        ClaimCheck fresh = store.put("run-4", "fresh", "{\"fresh\":true}".getBytes(StandardCharsets.UTF_8));
        try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(
                "update claimcheck.payload set created_at = now() - interval '8 days' where id = ?")) {
            ps.setString(1, old.id());
            ps.executeUpdate();
        }
        assertTrue(store.purgeOlderThan(Duration.ofDays(7)) >= 1);
        assertEquals(0, count("select count(*) from claimcheck.payload_chunk where id = ?", old.id()));
        assertThrows(UnreadableEventException.class, () -> store.get(old));
        assertEquals("{\"fresh\":true}", new String(store.get(fresh), StandardCharsets.UTF_8));
    }

    @Test
    void aPayloadOfAnEarlierVersionStoredInlineStillReads() throws Exception {
        byte[] payload = "{\"inline\":1}".getBytes(StandardCharsets.UTF_8);
        String id = UUID.randomUUID().toString();
        try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(
                "insert into claimcheck.payload(id, run_id, kind, sha256, bytes, content) values (?,?,?,?,?,?)")) {
            ps.setString(1, id);
            ps.setString(2, "run-5");
            ps.setString(3, "estimates-completed");
            ps.setString(4, ClaimCheckStore.sha256(payload));
            ps.setLong(5, payload.length);
            ps.setBytes(6, payload);
            ps.executeUpdate();
        }
        ClaimCheck check = new ClaimCheck(PostgresClaimCheckStore.STORE, id, ClaimCheckStore.sha256(payload), payload.length);
        assertArrayEquals(payload, store.get(check));
    }

    @Test
    void aPanelStreamsThroughAsArrow() throws Exception {
        int rows = 300_000;
        double[] x = new double[rows];
        String[] unit = new String[rows];
        Random r = new Random(5);
        for (int i = 0; i < rows; i++) {
            x[i] = i % 97 == 0 ? Double.NaN : r.nextGaussian() * 1e-5;
            unit[i] = "u" + (i / 10);
        }
        PanelTable panel = new PanelTable("unit", "year", null,
                List.of(PanelColumn.text("unit", unit), PanelColumn.numeric("x", x)));
        ClaimCheck check = store.put("run-6", "panel-cleaned.panel", out -> PanelArrow.write(panel, out));
        assertTrue(check.bytes() > PostgresClaimCheckStore.CHUNK_BYTES, "more than one chunk: " + check.bytes());
        PanelTable back = store.read(check, PanelArrow::read);
        assertArrayEquals(x, back.columns().get(1).numbers());
        assertArrayEquals(unit, back.columns().get(0).texts());
        assertEquals(rows, back.rows());
    }
}
