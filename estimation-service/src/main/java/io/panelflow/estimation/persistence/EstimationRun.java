package io.panelflow.estimation.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The estimates of a run, kept as the published event so a redelivery republishes it unchanged. */
@Entity
@Table(name = "estimation_run")
public class EstimationRun extends PanacheEntityBase {
    @Id
    @Column(name = "run_id")
    public String runId;

    @Column(name = "estimated_at", nullable = false)
    public Instant estimatedAt;

    @Column(name = "event_json", nullable = false)
    public String eventJson;
}
