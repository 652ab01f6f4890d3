package io.panelflow.ingest.intake;

/** The broker could not take a run's events; answered with 503 and nothing stored. */
public class PipelineUnavailableException extends RuntimeException {
    public PipelineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
