package io.panelflow.estimation.engine;

public enum VcovType {
    IID, HETERO, CLUSTER, DRISCOLL_KRAAY
}
