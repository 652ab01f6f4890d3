package io.panelflow.report.table;

import io.panelflow.model.result.VcovInfo;

import java.util.ArrayList;
import java.util.List;

/** The sentence a table note uses for a variance estimator: type, clustering variables and counts. */
public final class VcovDescription {

    private VcovDescription() {
    }

    /** For example "Standard errors clustered by Province (31 clusters)". */
    public static String of(VcovInfo vcov, Labels labels) {
        if (vcov == null || vcov.type() == null) {
            return "Standard errors";
        }
        return switch (vcov.type()) {
            case "iid" -> "Conventional (iid) standard errors";
            case "hetero", "HC1", "hc1" -> "Heteroskedasticity-robust (HC1) standard errors";
            case "driscoll-kraay" -> "Driscoll–Kraay standard errors"
                    + (vcov.lag() == null ? "" : " with " + vcov.lag() + (vcov.lag() == 1 ? " lag" : " lags"));
            case "cluster" -> clustered(vcov, labels);
            default -> "Standard errors (" + vcov.type() + ")";
        };
    }

    private static String clustered(VcovInfo vcov, Labels labels) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < vcov.by().size(); i++) {
            String name = Labels.capitalized(labels.variable(vcov.by().get(i)));
            if (i < vcov.clusters().size() && vcov.clusters().get(i) != null) {
                int n = vcov.clusters().get(i);
                name += vcov.by().size() == 1 ? " (" + n + " clusters)" : " (" + n + ")";
            }
            parts.add(name);
        }
        if (parts.isEmpty()) {
            return "Cluster-robust standard errors";
        }
        String prefix = parts.size() == 2 ? "Standard errors two-way clustered by "
                : parts.size() > 2 ? "Standard errors multi-way clustered by " : "Standard errors clustered by ";
        return prefix + String.join(" and ", parts);
    }
}
