package io.panelflow.model;

/** The pipeline stages, in order. Consumers are idempotent by (runId, stage). */
public enum Stage {
    INGEST, INDEX, ESTIMATION, REPORT
}
