package io.panelflow.ingest.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The outbox table's operations. {@link #append} runs in the upload's transaction;
 * {@link #lockPending}, {@link #markPublished} and {@link #recordFailure} in the relay's.
 */
@ApplicationScoped
public class IntakeOutbox {

    /** Adds a record to publish; call inside the transaction that stores what the record announces. */
    public OutboxEntry append(String runId, String topic, String ceType, String recordValue, Instant at, String traceparent) {
        OutboxEntry e = new OutboxEntry();
        e.runId = runId;
        e.topic = topic;
        e.recordKey = runId;
        e.ceId = UUID.randomUUID().toString();
        e.ceType = ceType;
        e.ceTime = at;
        e.recordValue = recordValue;
        e.traceparent = traceparent;
        e.persist();
        return e;
    }

    /**
     * Locks up to {@code max} unpublished rows, oldest first, skipping rows another relay holds
     * ({@code FOR UPDATE SKIP LOCKED}); the locks last until the caller's transaction ends. A run
     * whose earlier row is held by another relay is left out entirely, so a run's records are never
     * published out of order by two relays at once.
     */
    @SuppressWarnings("unchecked")
    public List<OutboxEntry> lockPending(int max) {
        List<OutboxEntry> locked = OutboxEntry.getEntityManager().createNativeQuery(
                        "select * from outbox where published_at is null order by id limit :max for update skip locked",
                        OutboxEntry.class)
                .setParameter("max", max)
                .getResultList();
        if (locked.isEmpty()) {
            return locked;
        }
        Map<String, Long> firstLocked = new HashMap<>();
        for (OutboxEntry e : locked) {
            firstLocked.merge(e.runId, e.id, Math::min);
        }
        List<Object[]> firstPending = OutboxEntry.getEntityManager().createNativeQuery(
                        "select run_id, min(id) from outbox where published_at is null and run_id in (:runs) group by run_id")
                .setParameter("runs", firstLocked.keySet())
                .getResultList();
        Map<String, Long> earliest = new HashMap<>();
        for (Object[] row : firstPending) {
            earliest.put((String) row[0], ((Number) row[1]).longValue());
        }
        List<OutboxEntry> mine = new ArrayList<>();
        for (OutboxEntry e : locked) {
            Long first = earliest.get(e.runId);
            if (first == null || first >= firstLocked.get(e.runId)) {
                mine.add(e);
            }
        }
        return mine;
    }

    /** The broker acknowledged the record. */
    public void markPublished(OutboxEntry e) {
        e.publishedAt = Instant.now();
        e.attempts++;
        e.lastError = null;
        OutboxEntry.getEntityManager().flush();
    }

    /** The broker did not take the record this time; it stays pending. */
    public void recordFailure(OutboxEntry e, String reason) {
        e.attempts++;
        e.lastError = reason == null ? null : reason.length() > 1000 ? reason.substring(0, 1000) : reason;
    }

    /** Deletes rows published before {@code now − retention}; returns how many. */
    public int purgePublishedOlderThan(java.time.Duration retention) {
        return OutboxEntry.getEntityManager().createNativeQuery(
                        "delete from outbox where published_at < now() - make_interval(secs => :secs)")
                .setParameter("secs", retention.toMillis() / 1000.0)
                .executeUpdate();
    }

    /** How many records wait and how long the oldest has waited. */
    public OutboxBacklog backlog() {
        Object[] row = (Object[]) OutboxEntry.getEntityManager().createNativeQuery(
                        "select count(*), coalesce(extract(epoch from (now() - min(created_at))), 0) "
                                + "from outbox where published_at is null")
                .getSingleResult();
        return new OutboxBacklog(((Number) row[0]).longValue(), ((Number) row[1]).doubleValue());
    }
}
