import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator's view of the dead-letter topic: lists dead letters with their reasons and republishes
 * chosen ones to the topic they came from, with their original key, value and headers (the
 * {@code dead-letter-*} headers are dropped; {@code dead-letter-replayed-from} says which dead letter it
 * was). Consumers are idempotent by run, so replaying a record twice does no harm. Run with the broker
 * classpath in Java's source-file mode (deploy/local/dead-letters.sh does):
 * <pre>
 * java -cp CLASSPATH DeadLetters.java BOOTSTRAP list   [--run RUN] [--topic TOPIC] [--offset N]
 * java -cp CLASSPATH DeadLetters.java BOOTSTRAP replay [--run RUN] [--topic TOPIC] [--offset N] [--all]
 * </pre>
 * {@code replay} needs a filter or {@code --all}. Exit 0 on success, 2 on a usage error.
 */
public class DeadLetters {
    static final String DEAD_LETTER_TOPIC = "panelflow-dead-letter";

    record Filter(String run, String topic, Long offset, boolean all) {
        boolean any() {
            return run != null || topic != null || offset != null;
        }

        boolean matches(ConsumerRecord<String, String> r) {
            return (run == null || run.equals(r.key()))
                    && (topic == null || topic.equals(header(r, "dead-letter-topic")))
                    && (offset == null || offset == r.offset());
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !List.of("list", "replay").contains(args[1])) {
            usage("expected: BOOTSTRAP list|replay [--run RUN] [--topic TOPIC] [--offset N] [--all]");
        }
        String bootstrap = args[0];
        String command = args[1];
        String run = null, topic = null;
        Long offset = null;
        boolean all = false;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--run" -> run = value(args, ++i, "--run");
                case "--topic" -> topic = value(args, ++i, "--topic");
                case "--offset" -> {
                    try {
                        offset = Long.parseLong(value(args, ++i, "--offset"));
                    } catch (NumberFormatException e) {
                        usage("--offset takes a number: " + args[i]);
                    }
                }
                case "--all" -> all = true;
                default -> usage("unknown option " + args[i]);
            }
        }
        Filter filter = new Filter(run, topic, offset, all);
        if (command.equals("replay") && !filter.any() && !all) {
            usage("replay needs --run, --topic, --offset or --all");
        }
        List<ConsumerRecord<String, String>> letters = read(bootstrap).stream().filter(filter::matches).toList();
        if (command.equals("list")) {
            System.out.println("offset\tat\trun\ttopic\tpartition@offset\tservice\treason");
            for (ConsumerRecord<String, String> r : letters) {
                System.out.println(r.offset() + "\t" + orDash(header(r, "dead-letter-at")) + "\t" + orDash(r.key()) + "\t"
                        + orDash(header(r, "dead-letter-topic")) + "\t" + orDash(header(r, "dead-letter-partition")) + "@"
                        + orDash(header(r, "dead-letter-offset")) + "\t" + orDash(header(r, "dead-letter-service")) + "\t"
                        + orDash(header(r, "dead-letter-reason")).replace('\n', ' '));
            }
            System.err.println(letters.size() + " dead letter(s)");
            return;
        }
        int replayed = replay(bootstrap, letters);
        System.err.println(replayed + " dead letter(s) replayed");
    }

    static List<ConsumerRecord<String, String>> read(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000);
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(DEAD_LETTER_TOPIC, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                return out;
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the dead-letter topic to its end within 60 s");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }

    static int replay(String bootstrap, List<ConsumerRecord<String, String>> letters) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30000);
        int n = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (ConsumerRecord<String, String> r : letters) {
                String topic = header(r, "dead-letter-topic");
                if (topic == null || topic.isBlank()) {
                    System.err.println("skipped dead letter " + r.offset() + ": it does not say which topic it came from");
                    continue;
                }
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, r.key(), r.value());
                for (Header h : r.headers()) {
                    if (!h.key().startsWith("dead-letter-")) {
                        record.headers().add(h.key(), h.value());
                    }
                }
                record.headers().add("dead-letter-replayed-from",
                        (DEAD_LETTER_TOPIC + "@" + r.partition() + ":" + r.offset()).getBytes(StandardCharsets.UTF_8));
                producer.send(record).get(150, TimeUnit.SECONDS);
                System.out.println("replayed\t" + r.offset() + "\t" + orDash(r.key()) + "\t" + topic);
                n++;
            }
        }
        return n;
    }

    static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            usage(option + " needs a value");
        }
        return args[i];
    }

    private static void usage(String message) {
        System.err.println("dead-letters: " + message);
        System.exit(2);
    }
}
