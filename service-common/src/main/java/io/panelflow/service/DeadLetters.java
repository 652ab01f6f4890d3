package io.panelflow.service;

import io.panelflow.model.Topics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Sends a record that will never be processed to {@code panelflow-dead-letter} (outgoing channel
 * {@code dead-letter-out}): the original key, value and headers, plus {@code dead-letter-reason},
 * {@code dead-letter-topic}, {@code dead-letter-partition}, {@code dead-letter-offset},
 * {@code dead-letter-service} and {@code dead-letter-at}. {@code deploy/local/dead-letters.sh} lists
 * them and replays chosen ones to their original topic.
 */
@ApplicationScoped
public class DeadLetters {
    public static final String REASON = "dead-letter-reason";
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";
    public static final String SERVICE = "dead-letter-service";
    public static final String AT = "dead-letter-at";

    @Inject
    @Channel("dead-letter-out")
    MutinyEmitter<String> emitter;

    @Inject
    StageMetrics metrics;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    /** Sends the record and waits for the broker; {@code kind} is {@code unreadable} or {@code gave-up}. */
    public void send(ConsumerRecord<String, String> record, String reason, String kind) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            if (!h.key().startsWith("dead-letter-")) {
                headers.add(h.key(), h.value());
            }
        }
        headers.add(REASON, bytes(reason));
        headers.add(TOPIC, bytes(record.topic()));
        headers.add(PARTITION, bytes(Integer.toString(record.partition())));
        headers.add(OFFSET, bytes(Long.toString(record.offset())));
        headers.add(SERVICE, bytes(service));
        headers.add(AT, bytes(Instant.now().toString()));
        OutgoingKafkaRecordMetadata<String> meta = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.DEAD_LETTER).withKey(record.key()).withHeaders(headers).build();
        emitter.sendMessage(Message.of(record.value()).addMetadata(meta)).await().atMost(BrokerWait.forDelivery());
        metrics.deadLettered(record.topic(), kind);
    }

    private static byte[] bytes(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
