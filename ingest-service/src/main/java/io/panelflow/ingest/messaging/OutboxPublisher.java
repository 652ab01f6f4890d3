package io.panelflow.ingest.messaging;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.panelflow.ingest.persistence.OutboxEntry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
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
import java.util.List;

/**
 * Sends one outbox row as the record it describes (channel {@code outbox-out}, the row's topic):
 * keyed by run, CloudEvents binary-mode headers with the row's stored id, type and time (a repeat
 * carries the same {@code ce_id}), and {@code traceparent} when the upload had a trace. Waits for
 * the broker's acknowledgement.
 *
 * <p>The stored context becomes the parent of the connector's producer span ({@link TracingMetadata}),
 * whose {@code traceparent} header the connector writes: the relay's publish continues the upload's
 * trace. With the OpenTelemetry SDK off the stored header is also copied as it is, in case nothing
 * writes one; either way the last {@code traceparent} of the record (the one consumers read) carries
 * the upload's trace id.
 */
@ApplicationScoped
public class OutboxPublisher {
    public static final String TRACEPARENT = "traceparent";

    @Inject
    @Channel("outbox-out")
    MutinyEmitter<String> emitter;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false")
    boolean tracesOff;

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
        if (e.traceparent != null && tracesOff) {
            headers.add(TRACEPARENT, e.traceparent.getBytes(StandardCharsets.UTF_8));
        }
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(e.topic)
                .withKey(e.recordKey)
                .withHeaders(headers)
                .build();
        Message<String> message = Message.of(e.recordValue).addMetadata(ce).addMetadata(kafka);
        if (e.traceparent != null) {
            message = message.addMetadata(TracingMetadata.withCurrent(uploadContext(e.traceparent)));
        }
        emitter.sendMessage(message).await().atMost(timeout);
    }

    /** The upload's span context, from its stored W3C traceparent. */
    static Context uploadContext(String traceparent) {
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, new TextMapGetter<String>() {
            @Override
            public Iterable<String> keys(String carrier) {
                return List.of(TRACEPARENT);
            }

            @Override
            public String get(String carrier, String key) {
                return TRACEPARENT.equals(key) ? carrier : null;
            }
        });
    }
}
