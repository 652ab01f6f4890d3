package io.panelflow.model;

/** CloudEvents {@code type} attribute of each event, carried in the {@code ce_type} header. */
public final class EventTypes {
    public static final String PANEL_CLEANED = "panelflow.panel.cleaned.v1";
    public static final String INDICES_COMPUTED = "panelflow.indices.computed.v1";
    public static final String ESTIMATES_COMPLETED = "panelflow.estimates.completed.v1";
    public static final String REPORTS_READY = "panelflow.reports.ready.v1";
    public static final String RUN_STATUS = "panelflow.run.status.v1";

    private EventTypes() {
    }
}
