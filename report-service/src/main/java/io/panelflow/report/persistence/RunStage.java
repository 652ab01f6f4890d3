package io.panelflow.report.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/** The latest status of one stage of one run, and when the stage started and finished. */
@Entity
@Table(name = "run_stage")
@IdClass(RunStage.Key.class)
public class RunStage extends PanacheEntityBase {
    @Id
    @Column(name = "run_id")
    public String runId;

    @Id
    public String stage;

    @Column(nullable = false)
    public String status;

    public String reason;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    /** When the stage reported RUNNING (began its computation), or null. */
    @Column(name = "started_at")
    public Instant startedAt;

    /** When the stage reported COMPLETED or FAILED, or null. */
    @Column(name = "finished_at")
    public Instant finishedAt;

    public record Key(String runId, String stage) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
