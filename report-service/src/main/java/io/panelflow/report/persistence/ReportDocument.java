package io.panelflow.report.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;

/** One rendered document of a run (html, md, tex, docx, csv, json). */
@Entity
@Table(name = "report_document")
@IdClass(ReportDocument.Key.class)
public class ReportDocument extends PanacheEntityBase {
    @Id
    @Column(name = "run_id")
    public String runId;

    @Id
    public String format;

    @Column(name = "media_type", nullable = false)
    public String mediaType;

    @Column(nullable = false)
    public byte[] content;

    public record Key(String runId, String format) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
