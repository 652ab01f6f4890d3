package io.panelflow.report.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Everything the report service has heard of a run; the JSON columns hold the shared-model payloads. */
@Entity
@Table(name = "report_run")
public class ReportRun extends PanacheEntityBase {
    @Id
    @Column(name = "run_id")
    public String runId;

    @Column(nullable = false)
    public String status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public String error;

    @Column(name = "spec_json")
    public String specJson;

    @Column(name = "provenance_json")
    public String provenanceJson;

    @Column(name = "quality_json")
    public String qualityJson;

    @Column(name = "indices_json")
    public String indicesJson;

    @Column(name = "balance_json")
    public String balanceJson;

    @Column(name = "results_json")
    public String resultsJson;

    @Column(name = "documents_built", nullable = false)
    public boolean documentsBuilt;

    @Column(name = "reports_published", nullable = false)
    public boolean reportsPublished;

    /** When the run last moved forward: the watchdog's clock. */
    @Column(name = "progress_at", nullable = false)
    public Instant progressAt;

    /** When a replica claimed rendering and publishing the report (null: not claimed). */
    @Column(name = "finish_claimed_at")
    public Instant finishClaimedAt;

    /** A FAILED recorded here (watchdog, rendering) and not yet published on run-status: its stage and reason. */
    @Column(name = "failure_stage")
    public String failureStage;

    @Column(name = "failure_reason")
    public String failureReason;

    /** The cleaned panel, the indices and the estimates are all in. */
    public boolean inputsComplete() {
        return qualityJson != null && indicesJson != null && resultsJson != null;
    }
}
