package io.panelflow.ingest.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One record the intake owes the broker: topic, key, CloudEvents id, type and time, and the record
 * value exactly as it will be sent (a claim-check envelope when the payload is large). Written in
 * the transaction that stores the upload; {@code publishedAt} is set by the relay once the broker
 * acknowledged it.
 */
@Entity
@Table(name = "outbox")
public class OutboxEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    public Long id;

    @Column(name = "run_id", nullable = false)
    public String runId;

    @Column(name = "topic", nullable = false)
    public String topic;

    @Column(name = "record_key", nullable = false)
    public String recordKey;

    /** Stays the same when the record is sent again, so a consumer can tell a repeat. */
    @Column(name = "ce_id", nullable = false)
    public String ceId;

    @Column(name = "ce_type", nullable = false)
    public String ceType;

    @Column(name = "ce_time", nullable = false)
    public Instant ceTime;

    @Column(name = "record_value", nullable = false)
    public String recordValue;

    /** W3C trace context of the upload, carried on the record as the {@code traceparent} header; null without a trace. */
    @Column(name = "traceparent")
    public String traceparent;

    @Column(name = "created_at", nullable = false, insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "attempts", nullable = false)
    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "published_at")
    public Instant publishedAt;
}
