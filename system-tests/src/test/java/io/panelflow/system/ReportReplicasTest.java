package io.panelflow.system;

import io.panelflow.testing.ServerSentEvents;
import io.panelflow.testing.TopicClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two report-service replicas in one consumer group share the partitions; each one's dashboards see
 * every run's changes, whichever replica made them (PostgreSQL LISTEN/NOTIFY on run_change), and a
 * reconnect to the other replica with Last-Event-ID replays what was missed. Then one replica is
 * killed (SIGKILL) with runs in flight: the other takes its partitions and every run completes, with
 * one reports-ready each.
 */
@ExtendWith(SharedStack.class)
class ReportReplicasTest {
    static final String SPEC = """
            name: replica-check
            panel: {unit: province, time: year}
            indices:
              - {name: DT_eq, method: equal, indicators: [{column: optical_cable_km}, {column: broadband_ports}]}
            models:
              - {id: baseline, formula: "Y ~ DT_eq + urban | province + year", vcov: {cluster: province}}
            """;

    @Test
    void twoReplicasStreamEveryChangeAndOneKilledLeavesTheOtherFinishingTheRuns() throws Exception {
        PipelineStack stack = SharedStack.get();
        ServiceProcess first = stack.service("report-service");
        byte[] data = Files.readAllBytes(stack.demoPanel());
        byte[] spec = SPEC.getBytes(StandardCharsets.UTF_8);
        ServiceProcess second = stack.replica("report-service", "report-service-2").start();
        try (ServerSentEvents onFirst = new ServerSentEvents(first.url() + "/api/runs/stream", null);
             ServerSentEvents onSecond = new ServerSentEvents(second.url() + "/api/runs/stream", null)) {
            // 1. both replicas up: a few runs, split over the partitions, each seen complete on both feeds
            List<String> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(Runs.submit(stack, "panel.csv", data, "spec.yaml", spec));
            }
            for (String runId : runs) {
                assertTrue(onFirst.awaitUntil(ev -> ServerSentEvents.runCompleted(ev, runId), Duration.ofSeconds(240)),
                        "replica 1 streamed run " + runId + " COMPLETED");
                assertTrue(onSecond.awaitUntil(ev -> ServerSentEvents.runCompleted(ev, runId), Duration.ofSeconds(30)),
                        "replica 2 streamed run " + runId + " COMPLETED");
            }
            List<Long> firstIds = onFirst.events().stream().map(ServerSentEvents.Event::id).toList();
            List<Long> secondIds = onSecond.events().stream().map(ServerSentEvents.Event::id).toList();
            long from = Math.max(firstIds.get(0), secondIds.get(0));
            long to = Math.min(firstIds.get(firstIds.size() - 1), secondIds.get(secondIds.size() - 1));
            assertEquals(firstIds.stream().filter(id -> id >= from && id <= to).toList(),
                    secondIds.stream().filter(id -> id >= from && id <= to).toList(),
                    "the same changes with the same ids on both replicas");
            assertTrue(increasing(firstIds) && increasing(secondIds), "ids in order: " + firstIds);

            // 2. a dashboard that saw replica 1 up to some change reconnects to replica 2 and is replayed the rest
            String runId = runs.get(0);
            List<Long> ofRun = onFirst.events().stream().filter(e -> e.data().contains(runId))
                    .map(ServerSentEvents.Event::id).toList();
            assertEquals(changeIds(stack, runId), ofRun, "replica 1 streamed every change of run " + runId);
            long lastSeen = ofRun.get(0);
            try (ServerSentEvents replayed = new ServerSentEvents(second.url() + "/api/runs/stream", lastSeen)) {
                long lastOfRun = ofRun.get(ofRun.size() - 1);
                assertTrue(replayed.awaitUntil(evs -> evs.stream().anyMatch(e -> e.id() == lastOfRun), Duration.ofSeconds(30)),
                        "the missed changes of run " + runId + " replayed");
                assertEquals(ofRun.subList(1, ofRun.size()),
                        replayed.events().stream().filter(e -> e.data().contains(runId)).map(ServerSentEvents.Event::id).toList(),
                        "exactly the changes after the last one seen");
            }
        }

        // 3. replica 2 killed with runs in flight: replica 1 takes over its partitions and finishes them
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(Runs.submit(stack, "panel.csv", data, "spec.yaml", spec));
        }
        second.kill();
        try (ServerSentEvents onFirst = new ServerSentEvents(first.url() + "/api/runs/stream", 0L);
             TopicClient topics = new TopicClient(stack.broker.bootstrapServers())) {
            for (String runId : runs) {
                Runs.await(stack, runId, "COMPLETED", Duration.ofSeconds(240));
                assertEquals(1, topics.readKey("reports-ready", runId, 2, Duration.ofSeconds(3)).size(),
                        "one reports-ready for run " + runId);
                assertTrue(onFirst.awaitUntil(ev -> ServerSentEvents.runCompleted(ev, runId), Duration.ofSeconds(30)),
                        "the surviving replica streamed run " + runId + " COMPLETED");
            }
        } finally {
            second.close();
        }
        try (Connection c = stack.database.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from report.report_run where status <> 'COMPLETED' and run_id in ('"
                     + String.join("','", runs) + "')")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "every run completed");
        }
    }

    /** The run's changes as the database holds them, in id order: what every replica's feed must show. */
    private static List<Long> changeIds(PipelineStack stack, String runId) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = stack.database.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select id from report.run_change where run_id = '" + runId + "' order by id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static boolean increasing(List<Long> ids) {
        for (int i = 1; i < ids.size(); i++) {
            if (ids.get(i) <= ids.get(i - 1)) {
                return false;
            }
        }
        return true;
    }
}
