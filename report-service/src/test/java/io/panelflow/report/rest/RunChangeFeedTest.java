package io.panelflow.report.rest;

import io.panelflow.testing.ServerSentEvents;
import io.panelflow.model.RunStatus;
import io.panelflow.model.Stage;
import io.panelflow.model.Topics;
import io.panelflow.model.event.RunStatusChanged;
import io.panelflow.service.EventCodec;
import io.panelflow.testing.KafkaBrokerResource;
import io.panelflow.testing.PostgresDatabaseResource;
import io.panelflow.testing.TopicClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live feed across replicas: every change is a row of run_change (the event id) announced with
 * NOTIFY; each replica LISTENs and streams it, and a reconnect with Last-Event-ID replays what was
 * missed. "Another replica" is played by a second LISTEN connection and a second writer on the same
 * database.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(PostgresDatabaseResource.class)
class RunChangeFeedTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String dbUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String dbPassword;

    @TestHTTPResource("/api/runs/stream")
    URL stream;

    @Inject
    EventCodec codec;

    void status(TopicClient topics, String runId, Stage stage, RunStatus status) {
        topics.send(Topics.RUN_STATUS, runId, codec.encode(runId, Topics.RUN_STATUS,
                new RunStatusChanged(runId, stage, status, null, Instant.now())), Map.of());
    }

    @Test
    void everyChangeCarriesItsIdAndAReconnectReplaysWhatWasMissed() throws Exception {
        String runId = UUID.randomUUID().toString();
        long seen;
        try (TopicClient topics = new TopicClient(bootstrap)) {
            try (ServerSentEvents live = new ServerSentEvents(stream.toString(), null)) {
                status(topics, runId, Stage.INGEST, RunStatus.COMPLETED);
                ServerSentEvents.Event first = live.await(e -> e.data().contains(runId), WAIT);
                assertNotNull(first, "the change reached the stream");
                assertTrue(first.id() > 0, "the event carries the change id");
                seen = first.id();
            }
            // the dashboard is away while the run moves on
            status(topics, runId, Stage.INDEX, RunStatus.RUNNING);
            status(topics, runId, Stage.INDEX, RunStatus.COMPLETED);
            RunsResourceTest.waitForStage(runId, "INDEX", "COMPLETED");
            try (ServerSentEvents back = new ServerSentEvents(stream.toString(), seen)) {
                List<ServerSentEvents.Event> replayed = new ArrayList<>();
                ServerSentEvents.Event e;
                while ((e = back.await(x -> x.data().contains(runId), Duration.ofSeconds(5))) != null) {
                    replayed.add(e);
                    if (e.data().contains("\"stage\":\"INDEX\",\"status\":\"COMPLETED\"")) {
                        break;
                    }
                }
                assertEquals(2, replayed.size(), "both missed changes replayed: " + replayed);
                assertTrue(replayed.get(0).id() > seen && replayed.get(1).id() > replayed.get(0).id(), "in order, after the last seen");
                assertTrue(replayed.get(0).data().contains("\"stage\":\"INDEX\",\"status\":\"RUNNING\""), replayed.get(0).data());
                // and then live again, without a gap
                status(topics, runId, Stage.ESTIMATION, RunStatus.RUNNING);
                ServerSentEvents.Event next = back.await(x -> x.data().contains("ESTIMATION"), WAIT);
                assertNotNull(next, "live after the replay");
                assertTrue(next.id() > replayed.get(1).id());
            }
        }
    }

    @Test
    void aChangeWrittenByAnotherReplicaReachesThisReplicasStream() throws Exception {
        String runId = "other-replica-" + UUID.randomUUID();
        try (ServerSentEvents live = new ServerSentEvents(stream.toString(), null);
             Connection other = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword)) {
            // what another replica's ledger transaction writes
            try (PreparedStatement s = other.prepareStatement("insert into run_change (run_id, summary) values (?, ?)")) {
                s.setString(1, runId);
                s.setString(2, "{\"runId\":\"" + runId + "\",\"status\":\"RUNNING\",\"stages\":[]}");
                s.executeUpdate();
            }
            ServerSentEvents.Event e = live.await(x -> x.data().contains(runId), WAIT);
            assertNotNull(e, "this replica streamed the other replica's change");
            try (Statement s = other.createStatement();
                 ResultSet rs = s.executeQuery("select id from run_change where run_id = '" + runId + "'")) {
                rs.next();
                assertEquals(rs.getLong(1), e.id(), "the event id is the change's id");
            }
        }
    }

    @Test
    void theListenerReconnectsWhenItsConnectionIsCutAndMissesNothing() throws Exception {
        String runId = UUID.randomUUID().toString();
        try (ServerSentEvents live = new ServerSentEvents(stream.toString(), null);
             Connection admin = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
             TopicClient topics = new TopicClient(bootstrap)) {
            // as when PostgreSQL restarts: the server ends the listener's session
            try (Statement s = admin.createStatement();
                 ResultSet rs = s.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity "
                         + "where application_name = 'panelflow-report-listener' and datname = current_database()")) {
                rs.next();
                assertEquals(1, rs.getInt(1), "the listener's connection was found and ended");
            }
            // a change made while it is away reaches the stream once it is back
            status(topics, runId, Stage.INGEST, RunStatus.COMPLETED);
            assertNotNull(live.await(e -> e.data().contains(runId), WAIT), "the change streamed after the reconnect");
        }
    }

    @Test
    void aChangeMadeHereIsAnnouncedToEveryListener() throws Exception {
        String runId = UUID.randomUUID().toString();
        try (Connection other = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
             TopicClient topics = new TopicClient(bootstrap)) {
            try (Statement s = other.createStatement()) {
                s.execute("LISTEN run_change");
            }
            status(topics, runId, Stage.INGEST, RunStatus.COMPLETED);
            long end = System.nanoTime() + WAIT.toNanos();
            String summary = null;
            while (summary == null && System.nanoTime() < end) {
                PGNotification[] notes = other.unwrap(PGConnection.class).getNotifications(1000);
                for (PGNotification n : notes == null ? new PGNotification[0] : notes) {
                    try (PreparedStatement s = other.prepareStatement("select summary from run_change where id = ? and run_id = ?")) {
                        s.setLong(1, Long.parseLong(n.getParameter()));
                        s.setString(2, runId);
                        try (ResultSet rs = s.executeQuery()) {
                            if (rs.next()) {
                                summary = rs.getString(1);
                            }
                        }
                    }
                }
            }
            assertNotNull(summary, "a second listener heard of the change");
            assertTrue(summary.contains("\"stage\":\"INGEST\",\"status\":\"COMPLETED\""), summary);
        }
    }

    @Test
    void aReplayIsBoundedToTheLatestThousandChanges() throws Exception {
        String runId = "replay-bound-" + UUID.randomUUID();
        long before;
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select coalesce(max(id), 0) from run_change")) {
                rs.next();
                before = rs.getLong(1);
            }
            s.executeUpdate("insert into run_change (run_id, summary) select '" + runId + "', "
                    + "'{\"runId\":\"" + runId + "\",\"n\":' || n || '}' from generate_series(1, 1200) n");
        }
        try (ServerSentEvents back = new ServerSentEvents(stream.toString(), before)) {
            List<ServerSentEvents.Event> replayed = new ArrayList<>();
            ServerSentEvents.Event e;
            while ((e = back.await(x -> x.data().contains(runId), Duration.ofSeconds(5))) != null) {
                replayed.add(e);
            }
            assertEquals(1000, replayed.size(), "at most 1000 replayed");
            assertTrue(replayed.get(999).data().contains("\"n\":1200"), "the latest ones, up to the last");
            assertTrue(replayed.get(0).data().contains("\"n\":201"), replayed.get(0).data());
        }
    }

    @Test
    void changeIdsFollowCommitOrder() throws Exception {
        // a transaction that draws an id waits for one that drew an earlier id to commit
        try (Connection a = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
             Connection b = DriverManager.getConnection(jdbcUrl, dbUser, dbPassword)) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            try (Statement s = a.createStatement()) {
                s.executeUpdate("insert into run_change (run_id, summary) values ('order-a', '{}')");
            }
            Thread writer = new Thread(() -> {
                try (Statement s = b.createStatement()) {
                    s.executeUpdate("insert into run_change (run_id, summary) values ('order-b', '{}')");
                    b.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            writer.join(1000);
            assertTrue(writer.isAlive(), "the second writer waits for the first to commit");
            a.commit();
            writer.join(10_000);
            try (Statement s = a.createStatement();
                 ResultSet rs = s.executeQuery("select run_id from run_change where run_id like 'order-%' order by id")) {
                rs.next();
                assertEquals("order-a", rs.getString(1));
                rs.next();
                assertEquals("order-b", rs.getString(1));
            }
        }
    }
}
