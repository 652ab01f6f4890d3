package io.panelflow.service;

import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.net.URI;
import java.time.ZonedDateTime;
import java.util.UUID;

/** Builds outgoing records: keyed by run id, with CloudEvents attributes (binary mode: {@code ce_*} headers). */
public final class PipelineMessages {
    private PipelineMessages() {
    }

    public static Message<String> of(String runId, String ceType, String source, String value) {
        OutgoingCloudEventMetadata<String> ce = OutgoingCloudEventMetadata.<String>builder()
                .withId(UUID.randomUUID().toString())
                .withType(ceType)
                .withSource(URI.create(source))
                .withSubject(runId)
                .withTimestamp(ZonedDateTime.now())
                .withDataContentType("application/json")
                .build();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder().withKey(runId).build();
        return Message.of(value).addMetadata(ce).addMetadata(kafka);
    }
}
