package io.panelflow.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Main class of the child JVM that {@link KafkaBroker} starts: formats the storage, runs
 * {@code kafka.Kafka} in this process, creates the topics and prints {@value #READY} on stdout.
 * The format leaves storage that is already formatted as it is, so a restart on the same work folder
 * ({@link KafkaBroker#restart()}) keeps the data. It halts itself (and removes its work folder) as soon as its parent is gone: stdin reaches end
 * of file, or the parent process id is no longer alive.
 *
 * <p>Runs on the broker classpath (plus this class); it references only Kafka's public client
 * API directly and the broker's entry points by reflection. Keep it a single class without
 * nested or anonymous classes: {@link KafkaBroker} copies just this class file into the child's
 * classpath.
 *
 * <p>Arguments: {@code server.properties clusterId bootstrapServers topicsFile parentPid workDir}.
 */
public final class KafkaBrokerChild {
    static final String READY = "PANELFLOW-KAFKA-READY";
    static final String FAILED = "PANELFLOW-KAFKA-FAILED";

    private KafkaBrokerChild() {
    }

    public static void main(String[] args) throws Exception {
        String config = args[0];
        String clusterId = args[1];
        String bootstrap = args[2];
        Path topicsFile = Path.of(args[3]);
        long parentPid = Long.parseLong(args[4]);
        Path workDir = Path.of(args[5]);
        PrintStream out = System.out;

        Thread stdinWatch = new Thread(() -> {
            try {
                InputStream in = System.in;
                int c;
                while ((c = in.read()) != -1) {
                    if (c == 'q') {
                        break;
                    }
                }
            } catch (IOException ignored) {
                // parent gone
            }
            haltAndClean(workDir);
        }, "panelflow-parent-stdin-watch");
        stdinWatch.setDaemon(true);
        stdinWatch.start();
        Thread pidWatch = new Thread(() -> {
            while (true) {
                boolean alive = ProcessHandle.of(parentPid).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    haltAndClean(workDir);
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "panelflow-parent-pid-watch");
        pidWatch.setDaemon(true);
        pidWatch.start();

        try {
            Class<?> storageTool = Class.forName("kafka.tools.StorageTool");
            int rc = (int) storageTool.getMethod("execute", String[].class, PrintStream.class)
                    .invoke(null, new String[]{"format", "-t", clusterId, "-c", config, "--standalone", "--ignore-formatted"}, System.err);
            if (rc != 0) {
                out.println(FAILED + " storage format exited with " + rc);
                out.flush();
                Runtime.getRuntime().halt(1);
            }
        } catch (Throwable t) {
            out.println(FAILED + " storage format: " + t);
            out.flush();
            Runtime.getRuntime().halt(1);
        }

        Thread broker = new Thread(() -> {
            try {
                Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) new String[]{config});
            } catch (Throwable t) {
                t.printStackTrace();
                out.println(FAILED + " broker: " + t);
                out.flush();
                Runtime.getRuntime().halt(1);
            }
        }, "panelflow-kafka-main");
        broker.start();

        try {
            createTopics(bootstrap, topicsFile);
        } catch (Throwable t) {
            t.printStackTrace();
            out.println(FAILED + " topics: " + t);
            out.flush();
            Runtime.getRuntime().halt(1);
        }
        out.println(READY + " " + bootstrap);
        out.flush();
        broker.join();
    }

    static List<NewTopic> readTopics(Path topicsFile) throws IOException {
        List<NewTopic> topics = new ArrayList<>();
        for (String line : Files.readAllLines(topicsFile)) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            topics.add(new NewTopic(f[0], f.length > 1 ? Integer.parseInt(f[1]) : 1, (short) 1));
        }
        return topics;
    }

    private static void createTopics(String bootstrap, Path topicsFile) throws Exception {
        List<NewTopic> topics = readTopics(topicsFile);
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 50,
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 50,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 120_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000))) {
            Set<String> existing = admin.listTopics().names().get(120, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(120, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            // metadata of every topic visible: producers and consumers find their leaders at once
            admin.describeTopics(topics.stream().map(NewTopic::name).toList()).allTopicNames().get(120, TimeUnit.SECONDS);
        }
    }

    private static void haltAndClean(Path workDir) {
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // best effort
        }
        Runtime.getRuntime().halt(0);
    }
}
