package io.panelflow.index.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The indices computed for a run, kept as the published event so a redelivery republishes it unchanged. */
@Entity
@Table(name = "index_run")
public class IndexRun extends PanacheEntityBase {
    @Id
    @Column(name = "run_id")
    public String runId;

    @Column(name = "computed_at", nullable = false)
    public Instant computedAt;

    @Column(name = "event_json", nullable = false)
    public String eventJson;
}
