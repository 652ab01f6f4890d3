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
}
