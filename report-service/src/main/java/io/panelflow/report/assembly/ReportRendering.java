package io.panelflow.report.assembly;

import com.fasterxml.jackson.core.type.TypeReference;
import io.panelflow.model.event.DataProvenance;
import io.panelflow.model.result.BalanceResult;
import io.panelflow.model.result.DataQualityReport;
import io.panelflow.model.result.IndexResult;
import io.panelflow.model.result.StudyResults;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.report.document.ReportDocuments;
import io.panelflow.report.document.RunReport;
import io.panelflow.report.persistence.ReportRun;
import io.panelflow.report.table.TableOptions;
import io.panelflow.service.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Turns what the ledger stored of a run into its report, rendered in every format from one model, assembled once. */
@ApplicationScoped
public class ReportRendering {
    @ConfigProperty(name = "panelflow.version", defaultValue = "0.1.0")
    String version;

    public record Rendered(String format, String mediaType, byte[] content) {
    }

    public RunReport report(ReportRun run) {
        StudySpec spec = EventJson.read(run.specJson, StudySpec.class);
        return new RunReport(run.runId, spec,
                run.provenanceJson == null ? null : EventJson.read(run.provenanceJson, DataProvenance.class),
                run.qualityJson == null ? null : EventJson.read(run.qualityJson, DataQualityReport.class),
                run.indicesJson == null ? List.of() : list(run.indicesJson, new TypeReference<List<IndexResult>>() { }),
                run.balanceJson == null ? List.of() : list(run.balanceJson, new TypeReference<List<BalanceResult>>() { }),
                run.resultsJson == null ? null : EventJson.read(run.resultsJson, StudyResults.class),
                spec.data().synthetic(), version);
    }

    public List<Rendered> renderAll(ReportRun run) {
        RunReport report = report(run);
        List<Rendered> out = new ArrayList<>();
        ReportDocuments.renderAll(report, TableOptions.DEFAULT)
                .forEach((f, content) -> out.add(new Rendered(f.extension(), f.mediaType(), content)));
        return out;
    }

    private static <T> T list(String json, TypeReference<T> type) {
        try {
            return EventJson.MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
