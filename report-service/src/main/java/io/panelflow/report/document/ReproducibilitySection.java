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
import io.panelflow.report.text.ReportText;

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
        ReportText text = labels.text();
        List<Block> blocks = new ArrayList<>();
        List<String> facts = new ArrayList<>();
        facts.add(text.get("repro.run", orUnknown(report.runId())));
        facts.add(text.get("repro.version", orUnknown(report.panelflowVersion() != null ? report.panelflowVersion()
                : report.provenance() == null ? null : report.provenance().version())));
        if (report.provenance() != null) {
            facts.add(text.get("repro.file", orUnknown(report.provenance().fileName()), report.provenance().bytes()));
            facts.add(text.get("repro.dataSha", orUnknown(report.provenance().sha256())));
            if (report.provenance().specSha256() != null) {
                facts.add(text.get("repro.specSha", report.provenance().specSha256()));
            }
            if (report.provenance().acceptedAt() != null) {
                facts.add(text.get("repro.acceptedAt", report.provenance().acceptedAt()));
            }
        }
        blocks.add(new Block.Facts(facts));
        if (report.results() != null && !report.results().models().isEmpty()) {
            blocks.add(new Block.TableBlock(settings(report.results().models(), report.spec(), labels)));
            if (text.isChinese()) {
                // the tables' notes are in the journals' form; what the estimators noted is kept here, as written
                Map<String, List<String>> byNote = new java.util.LinkedHashMap<>();
                for (ModelResult m : report.results().models()) {
                    if (m.vcov() != null && m.vcov().smallSample() != null) {
                        byNote.computeIfAbsent(text.get("repro.smallSample", m.vcov().smallSample()),
                                k -> new ArrayList<>()).add(m.id());
                    }
                    m.notes().forEach(n -> byNote.computeIfAbsent(n, k -> new ArrayList<>()).add(m.id()));
                }
                List<String> modelNotes = new ArrayList<>();
                byNote.forEach((note, ids) -> modelNotes.add(text.get("repro.modelNote", note,
                        String.join(text.get("list.separator"), ids))));
                if (!modelNotes.isEmpty()) {
                    blocks.add(new Block.Paragraph(text.get("repro.modelNotes")));
                    blocks.add(new Block.Facts(modelNotes));
                }
            }
        }
        if (report.spec() != null) {
            blocks.add(new Block.Paragraph(text.get("repro.spec")));
            blocks.add(new Block.Code("yaml", specText(report.spec())));
        }
        return new Section("reproducibility", text.get("section.reproducibility"), blocks);
    }

    static Table settings(List<ModelResult> models, StudySpec spec, Labels labels) {
        ReportText text = labels.text();
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
                    Cell.text(singletons == null ? text.get("repro.keep") : singletons),
                    tol != null ? Cell.number(String.format(java.util.Locale.ROOT, "%.0e", tol), tol)
                            : Cell.text(tolerance == null ? text.get("repro.engineDefault") : String.valueOf(tolerance)))));
        }
        return new Table("estimator-settings", text.get("repro.settings.title"),
                List.of(java.util.Arrays.stream(text.get("repro.settings.header").split("\\|")).map(Cell::text).toList()),
                List.of(TableSection.untitled(rows)),
                List.of(text.get("repro.settings.notes")));
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
