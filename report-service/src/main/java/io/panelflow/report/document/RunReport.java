package io.panelflow.report.document;

import io.panelflow.model.event.DataProvenance;
import io.panelflow.model.result.BalanceResult;
import io.panelflow.model.result.DataQualityReport;
import io.panelflow.model.result.IndexResult;
import io.panelflow.model.result.StudyResults;
import io.panelflow.model.spec.StudySpec;

import java.util.List;

/**
 * Everything a run's report is made from. Any part may be missing (null or empty); its sections
 * are then left out.
 *
 * @param synthetic        the data is generated, not observed; the report says so at the top
 *                         (also set when the spec's data description says synthetic)
 * @param panelflowVersion the version that produced the results
 */
public record RunReport(String runId, StudySpec spec, DataProvenance provenance, DataQualityReport quality,
                        List<IndexResult> indices, List<BalanceResult> balance, StudyResults results,
                        boolean synthetic, String panelflowVersion) {

    public RunReport {
        indices = indices == null ? List.of() : List.copyOf(indices);
        balance = balance == null ? List.of() : List.copyOf(balance);
    }

    /** Synthetic by the flag or by the spec's data description. */
    public boolean isSynthetic() {
        return synthetic || spec != null && spec.data() != null && spec.data().synthetic();
    }
}
