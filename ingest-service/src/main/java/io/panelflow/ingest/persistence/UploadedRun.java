package io.panelflow.ingest.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An accepted upload: raw bytes and spec as received, cleaned panel and data-quality report as JSON. */
@Entity
@Table(name = "uploaded_run")
public class UploadedRun extends PanacheEntityBase {
    @Id
    @Column(name = "run_id")
    public String runId;

    @Column(name = "accepted_at", nullable = false)
    public Instant acceptedAt;

    @Column(name = "file_name", nullable = false)
    public String fileName;

    @Column(name = "data_sha256", nullable = false)
    public String dataSha256;

    /** Uploads stored before the chunked store; null since (see RawUploadStore). */
    @Column(name = "raw_data")
    public byte[] rawData;

    @Column(name = "spec_text", nullable = false)
    public String specText;

    /** Uploads stored before the panel travelled only in its event; null since. */
    @Column(name = "cleaned_panel")
    public String cleanedPanel;

    @Column(name = "quality", nullable = false)
    public String quality;
}
