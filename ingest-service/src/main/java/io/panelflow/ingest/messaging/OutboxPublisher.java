package io.panelflow.ingest.messaging;

import io.panelflow.ingest.persistence.OutboxEntry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;

/**
 * Sends one outbox row as the record it describes (channel {@code outbox-out}, the row's topic):
 * keyed by run, CloudEvents binary-mode headers with the row's stored id, type and time (a repeat
 * carries the same {@code ce_id}), and {@code traceparent} when the upload had a trace. Waits for
 * the broker's acknowledgement.
 */
@ApplicationScoped
public class OutboxPublisher {
    public static final String TRACEPARENT = "traceparent";

    @Inject
    @Channel("outbox-out")
    MutinyEmitter<String> emitter;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    public void send(OutboxEntry e, Duration timeout) {
        OutgoingCloudEventMetadata<String> ce = OutgoingCloudEventMetadata.<String>builder()
                .withId(e.ceId)
                .withType(e.ceType)
                .withSource(URI.create("/panelflow/" + service))
                .withSubject(e.runId)
                .withTimestamp(e.ceTime.atZone(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .build();
        RecordHeaders headers = new RecordHeaders();
        if (e.traceparent != null) {
            headers.add(TRACEPARENT, e.traceparent.getBytes(StandardCharsets.UTF_8));
        }
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(e.topic)
                .withKey(e.recordKey)
                .withHeaders(headers)
                .build();
        emitter.sendMessage(Message.of(e.recordValue).addMetadata(ce).addMetadata(kafka)).await().atMost(timeout);
    }
}
