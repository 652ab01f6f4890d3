package io.panelflow.report.table;

import io.panelflow.model.result.VcovInfo;
import io.panelflow.report.text.ReportText;

import java.util.ArrayList;
import java.util.List;

/** The sentence a table note uses for a variance estimator: type, clustering variables and counts. */
public final class VcovDescription {

    private VcovDescription() {
    }

    /** For example "Standard errors clustered by Province (31 clusters)", in Chinese 聚类到省份层面的稳健标准误. */
    public static String of(VcovInfo vcov, Labels labels) {
        ReportText text = labels.text();
        if (vcov == null || vcov.type() == null) {
            return text.get("vcov.unknown");
        }
        return switch (vcov.type()) {
            case "iid" -> text.get("vcov.iid");
            case "hetero", "HC1", "hc1" -> text.get("vcov.hetero");
            case "driscoll-kraay" -> text.get("vcov.driscollKraay")
                    + (vcov.lag() == null ? "" : text.get(vcov.lag() == 1 ? "vcov.lag.one" : "vcov.lag.many", vcov.lag()));
            case "cluster" -> clustered(vcov, labels);
            default -> text.get("vcov.other", vcov.type());
        };
    }

    private static String clustered(VcovInfo vcov, Labels labels) {
        ReportText text = labels.text();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < vcov.by().size(); i++) {
            String name = Labels.capitalized(labels.variable(vcov.by().get(i)));
            if (!text.isChinese() && i < vcov.clusters().size() && vcov.clusters().get(i) != null) {
                // Chinese tables give the counts in their own row (聚类数), not in the note
                int n = vcov.clusters().get(i);
                name += vcov.by().size() == 1 ? text.get("vcov.clusterCount", n) : " (" + n + ")";
            }
            parts.add(name);
        }
        if (parts.isEmpty()) {
            return text.get("vcov.cluster.none");
        }
        String key = parts.size() == 2 ? "vcov.cluster.two" : parts.size() > 2 ? "vcov.cluster.many" : "vcov.cluster.one";
        return text.get(key, String.join(text.get("vcov.cluster.and"), parts));
    }
}
