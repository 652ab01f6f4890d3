package io.panelflow.report.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The panel a run's models were estimated on, as the shared-model panel JSON (for the bundle's exports). */
@Entity
@Table(name = "estimation_panel")
public class EstimationPanel extends PanacheEntityBase {
    @Id
    @Column(name = "run_id")
    public String runId;

    @Column(name = "panel_json", nullable = false)
    public String panelJson;
}
