package io.panelflow.report.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.spec.ModelSpec;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.report.render.Block;
import io.panelflow.report.render.Section;
import io.panelflow.report.table.Cell;
import io.panelflow.report.table.DiagnosticValue;
import io.panelflow.report.table.Labels;
import io.panelflow.report.table.Row;
import io.panelflow.report.table.RowKind;
import io.panelflow.report.table.Table;
import io.panelflow.report.table.TableSection;
import io.panelflow.report.table.VcovDescription;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The last section: what it takes to repeat the run — the data's SHA-256, the panelflow version,
 * each estimator's settings, and the study spec itself.
 */
final class ReproducibilitySection {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);

    private ReproducibilitySection() {
    }

    static Section of(RunReport report, Labels labels) {
        List<Block> blocks = new ArrayList<>();
        List<String> facts = new ArrayList<>();
        facts.add("Run: " + orUnknown(report.runId()));
        facts.add("panelflow version: " + orUnknown(report.panelflowVersion() != null ? report.panelflowVersion()
                : report.provenance() == null ? null : report.provenance().version()));
        if (report.provenance() != null) {
            facts.add("Data file: " + orUnknown(report.provenance().fileName()) + " (" + report.provenance().bytes() + " bytes)");
            facts.add("Data SHA-256: " + orUnknown(report.provenance().sha256()));
            if (report.provenance().specSha256() != null) {
                facts.add("Spec SHA-256: " + report.provenance().specSha256());
            }
            if (report.provenance().acceptedAt() != null) {
                facts.add("Accepted at: " + report.provenance().acceptedAt());
            }
        }
        blocks.add(new Block.Facts(facts));
        if (report.results() != null && !report.results().models().isEmpty()) {
            blocks.add(new Block.TableBlock(settings(report.results().models(), report.spec(), labels)));
        }
        if (report.spec() != null) {
            blocks.add(new Block.Paragraph("The study spec of this run:"));
            blocks.add(new Block.Code("yaml", specText(report.spec())));
        }
        return new Section("reproducibility", "Reproducibility", blocks);
    }

    static Table settings(List<ModelResult> models, StudySpec spec, Labels labels) {
        List<Row> rows = new ArrayList<>();
        for (ModelResult m : models) {
            ModelSpec ms = modelSpec(spec, ModelGroups.segment(m.id(), 0));
            String singletons = ms != null ? ms.singletons() : null;
            if (m.dropped() != null && m.dropped().singletons() > 0) {
                singletons = (singletons == null ? "drop" : singletons) + " (" + m.dropped().singletons() + " removed)";
            }
            Object tolerance = m.diagnostics().get("tolerance");
            Double tol = DiagnosticValue.asDouble(tolerance);
            rows.add(Row.of(RowKind.DATA, m.id(), List.of(
                    Cell.text(VcovDescription.of(m.vcov(), labels)),
                    Cell.text(m.vcov() == null || m.vcov().smallSample() == null ? "" : m.vcov().smallSample()),
                    Cell.text(singletons == null ? "keep" : singletons),
                    tol != null ? Cell.number(String.format(java.util.Locale.ROOT, "%.0e", tol), tol)
                            : Cell.text(tolerance == null ? "engine default" : String.valueOf(tolerance)))));
        }
        return new Table("estimator-settings", "Estimator settings",
                List.of(List.of(Cell.text("Model"), Cell.text("Variance estimator"), Cell.text("Small-sample rule"),
                        Cell.text("Singletons"), Cell.text("Tolerance"))),
                List.of(TableSection.untitled(rows)),
                List.of("Singletons: keep (fixest default) or drop (reghdfe, iteratively). "
                        + "Tolerance: convergence tolerance of the fixed-effect demeaning."));
    }

    private static ModelSpec modelSpec(StudySpec spec, String id) {
        if (spec == null) {
            return null;
        }
        return spec.models().stream().filter(m -> id.equals(m.id())).findFirst()
                .orElse(spec.models().isEmpty() ? null : spec.models().get(0));
    }

    static String specText(StudySpec spec) {
        try {
            return YAML.writeValueAsString(spec);
        } catch (JsonProcessingException | RuntimeException e) {
            return "# the spec could not be written as YAML: " + e.getMessage() + "\nname: " + spec.name() + "\n";
        }
    }

    private static String orUnknown(String s) {
        return s == null || s.isBlank() ? "unknown" : s;
    }

    static Map<String, Object> metadata(RunReport report) {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("runId", report.runId());
        m.put("synthetic", report.isSynthetic());
        m.put("panelflowVersion", report.panelflowVersion());
        m.put("dataSha256", report.provenance() == null ? null : report.provenance().sha256());
        return m;
    }
}
