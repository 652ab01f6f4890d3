package io.panelflow.model;

public enum RunStatus {
    ACCEPTED, RUNNING, COMPLETED, FAILED
}
