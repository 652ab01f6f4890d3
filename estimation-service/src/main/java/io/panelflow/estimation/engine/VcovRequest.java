package io.panelflow.estimation.engine;

/**
 * The variance estimator asked for.
 *
 * @param clusters      {@code clusters[k][i]}: cluster code of row i in cluster dimension k (CLUSTER only)
 * @param time          integer time of each row (DRISCOLL_KRAAY only)
 * @param lag           Driscoll–Kraay bandwidth; negative means the default rule (documented by the estimator)
 */
public record VcovRequest(VcovType type, int[][] clusters, String[] clusterNames, int[] time, int lag, FixefK fixefK) {

    public static VcovRequest iid() {
        return new VcovRequest(VcovType.IID, null, null, null, -1, FixefK.NESTED);
    }

    public static VcovRequest hetero() {
        return new VcovRequest(VcovType.HETERO, null, null, null, -1, FixefK.NESTED);
    }

    public static VcovRequest cluster(int[] codes, String name) {
        return new VcovRequest(VcovType.CLUSTER, new int[][]{codes}, new String[]{name}, null, -1, FixefK.NESTED);
    }

    /** Multi-way clustering (Cameron–Gelbach–Miller) on several cluster dimensions. */
    public static VcovRequest cluster(int[][] codes, String[] names) {
        return new VcovRequest(VcovType.CLUSTER, codes, names, null, -1, FixefK.NESTED);
    }

    /** Driscoll–Kraay with bandwidth {@code lag}; a negative lag selects the default rule. */
    public static VcovRequest driscollKraay(int[] time, int lag) {
        return new VcovRequest(VcovType.DRISCOLL_KRAAY, null, null, time, lag, FixefK.NESTED);
    }

    /** The same request with another fixed-effect counting convention. */
    public VcovRequest withFixefK(FixefK k) {
        return new VcovRequest(type, clusters, clusterNames, time, lag, k);
    }
}
