package io.panelflow.service;

import io.panelflow.model.event.ClaimCheck;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The S3 claim-check store against a real S3-compatible server (S3Proxy on an in-memory blob store, on a
 * free loopback port, with signed requests), through the AWS SDK as in a cluster: put and get with the
 * hash check, a missing object, a check of another store, retention by purge, and an unreachable server
 * (transient). The panel codec on top of it, end to end.
 */
class S3ClaimCheckStoreTest {
    private static final String ACCESS = "panelflow-test";
    private static final String SECRET = "panelflow-test-secret";
    private static S3Proxy server;
    private static BlobStoreContext blobs;
    private static S3ClaimCheckStore store;
    private static URI endpoint;

    @BeforeAll
    static void start() throws Exception {
        blobs = ContextBuilder.newBuilder("transient").credentials(ACCESS, SECRET).build(BlobStoreContext.class);
        endpoint = URI.create("http://127.0.0.1:" + freePort());
        server = S3Proxy.builder().blobStore(blobs.getBlobStore()).endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET).build();
        server.start();
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!AbstractLifeCycle.STARTED.equals(server.getState()) && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        store = new S3ClaimCheckStore(settings(endpoint, "panelflow-payloads", true));
        store.ensureReady();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (blobs != null) {
            blobs.close();
        }
    }

    static S3ClaimCheckStore.Settings settings(URI endpoint, String bucket, boolean createBucket) {
        return new S3ClaimCheckStore.Settings(bucket, "claimcheck/", Optional.of(endpoint), true, "us-east-1",
                Optional.of(ACCESS), Optional.of(SECRET), createBucket);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aPayloadReadsBackAndNamesItsStore() {
        byte[] payload = "{\"panel\":true}".getBytes(StandardCharsets.UTF_8);
        ClaimCheck check = store.put("run-1", "panel-cleaned", payload);
        assertEquals("s3:panelflow-payloads/claimcheck/", check.store());
        assertTrue(check.id().startsWith("claimcheck/run-1/"), check.id());
        assertEquals(payload.length, check.bytes());
        assertArrayEquals(payload, store.get(check));
    }

    @Test
    void aPayloadOfSeveralPartsGoesUpAsAMultipartUploadAndStreamsBack() {
        byte[] payload = new byte[2 * S3ClaimCheckStore.PART_BYTES + 777];
        new java.util.Random(7).nextBytes(payload);
        ClaimCheck check = store.put("run-big", "panel-cleaned.panel", payload);
        assertEquals(payload.length, check.bytes());
        assertEquals(ClaimCheckStore.sha256(payload), check.sha256());
        assertArrayEquals(payload, store.get(check));
    }

    @Test
    void aWriterFailingHalfwayLeavesNoObject() {
        byte[] part = new byte[S3ClaimCheckStore.PART_BYTES + 1];
        assertThrows(IllegalStateException.class, () -> store.put("run-broken", "panel-cleaned.panel", out -> {
            out.write(part);
            out.write(part);
            throw new java.io.IOException("the writer broke");
        }));
        assertTrue(blobs.getBlobStore().list("panelflow-payloads",
                        org.jclouds.blobstore.options.ListContainerOptions.Builder.prefix("claimcheck/run-broken/").recursive())
                .isEmpty(), "no object of the broken upload");
    }

    @Test
    void aMissingObjectAHashMismatchAndAnotherStoreAreUnreadable() {
        ClaimCheck check = store.put("run-2", "panel-cleaned", "abc".getBytes(StandardCharsets.UTF_8));
        UnreadableEventException altered = assertThrows(UnreadableEventException.class, () -> store.get(
                new ClaimCheck(check.store(), check.id(), ClaimCheckStore.sha256("abd"), 3)));
        assertTrue(altered.getMessage().contains("SHA-256"), altered.getMessage());
        UnreadableEventException gone = assertThrows(UnreadableEventException.class, () -> store.get(
                new ClaimCheck(check.store(), "claimcheck/run-2/nothing-here", check.sha256(), 3)));
        assertTrue(gone.getMessage().contains("not found"), gone.getMessage());
        UnreadableEventException other = assertThrows(UnreadableEventException.class, () -> store.get(
                new ClaimCheck(PostgresClaimCheckStore.STORE, check.id(), check.sha256(), 3)));
        assertTrue(other.getMessage().contains("unknown claim-check store"), other.getMessage());
    }

    @Test
    void thePurgeDeletesOnlyObjectsOlderThanTheRetention() throws Exception {
        S3ClaimCheckStore own = new S3ClaimCheckStore(new S3ClaimCheckStore.Settings("panelflow-purge", "cc/",
                Optional.of(endpoint), true, "us-east-1", Optional.of(ACCESS), Optional.of(SECRET), true));
        ClaimCheck first = own.put("run-3", "test", "one".getBytes(StandardCharsets.UTF_8));
        ClaimCheck second = own.put("run-3", "test", "two".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, own.purgeOlderThan(Duration.ofDays(7)), "nothing is a week old");
        assertArrayEquals("one".getBytes(StandardCharsets.UTF_8), own.get(first));
        Thread.sleep(1100); // S3 keeps last-modified to the second
        assertEquals(2, own.purgeOlderThan(Duration.ZERO));
        for (ClaimCheck c : List.of(first, second)) {
            assertTrue(assertThrows(UnreadableEventException.class, () -> own.get(c)).getMessage().contains("not found"));
        }
    }

    @Test
    void anUnreachableServerIsTransientNotUnreadable() throws Exception {
        S3ClaimCheckStore away = new S3ClaimCheckStore(settings(URI.create("http://127.0.0.1:" + freePort()),
                "panelflow-payloads", false));
        IllegalStateException down = assertThrows(IllegalStateException.class, away::ensureReady);
        assertFalse(down.getMessage().isBlank());
        ClaimCheck check = store.put("run-4", "test", "x".getBytes(StandardCharsets.UTF_8));
        RuntimeException read = assertThrows(RuntimeException.class, () -> away.get(check));
        assertTrue(read instanceof IllegalStateException, read.getClass() + ": " + read.getMessage());
    }

    @Test
    void aMissingBucketIsNamedUnlessTheStoreMayCreateIt() {
        S3ClaimCheckStore noBucket = new S3ClaimCheckStore(settings(endpoint, "no-such-bucket", false));
        IllegalStateException e = assertThrows(IllegalStateException.class, noBucket::ensureReady);
        assertTrue(e.getMessage().contains("no-such-bucket"), e.getMessage());
    }

    @Test
    void panelsTravelAsArrowThroughTheObjectStore() {
        EventCodec codec = PanelArrowTest.codec(store);
        PanelArrowTest.Carrier event = new PanelArrowTest.Carrier("run-5", PanelArrowTest.panel(100_000), null, List.of());
        String value = codec.encode("run-5", "panel-cleaned", event);
        assertTrue(value.contains("\"arrow\":{\"store\":\"s3:panelflow-payloads/claimcheck/\""), value);
        PanelArrowTest.assertSamePanel(event.panel(), codec.decode(value, PanelArrowTest.Carrier.class).panel());
    }
}
