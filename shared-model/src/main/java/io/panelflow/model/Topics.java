package io.panelflow.model;

/** Kafka topic names of the pipeline; one topic per stage, every record keyed by run id. */
public final class Topics {
    public static final String PANEL_CLEANED = "panel-cleaned";
    public static final String INDICES_COMPUTED = "indices-computed";
    public static final String ESTIMATES_COMPLETED = "estimates-completed";
    public static final String REPORTS_READY = "reports-ready";
    public static final String RUN_STATUS = "run-status";
    /** Unprocessable records of any topic, with the reason in headers. */
    public static final String DEAD_LETTER = "panelflow-dead-letter";

    public static final java.util.List<String> ALL = java.util.List.of(
            PANEL_CLEANED, INDICES_COMPUTED, ESTIMATES_COMPLETED, REPORTS_READY, RUN_STATUS, DEAD_LETTER);

    private Topics() {
    }
}
