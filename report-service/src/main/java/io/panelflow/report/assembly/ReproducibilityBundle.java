package io.panelflow.report.assembly;

import io.panelflow.model.panel.PanelColumn;
import io.panelflow.model.panel.PanelTable;
import io.panelflow.model.result.StudyResults;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.report.replication.EstimationPanelCsv;
import io.panelflow.report.replication.EstimationPanelDta;
import io.panelflow.report.replication.RReplicationScript;
import io.panelflow.report.replication.ReplicationPlan;
import io.panelflow.report.replication.StataReplicationScript;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A run's reproducibility bundle: a zip with the uploaded data file (original bytes and name), the
 * study spec (original text), results.json, indices.json, provenance.json, every rendered document,
 * a SHA256SUMS list and a README.txt saying how to repeat the run. The parts are first written to a
 * {@link BundleSpool} (files, hashed on the way), then the zip is streamed from them: memory does not grow with
 * the panel's or the upload's size beyond the panel table itself.
 *
 * <pre>
 * README.txt
 * SHA256SUMS
 * data/&lt;original file name&gt;
 * spec/spec.yaml (or spec.json)
 * results.json, indices.json, provenance.json
 * estimation-panel.csv     the panel the models were estimated on (after cleaning, with every index column)
 * estimation-panel.dta     the same panel as a Stata dataset (format 118)
 * replicate.R              fixest / did: every fixed-effects model again, into replicate-results.csv
 * replicate.do             reghdfe / ivreghdfe / csdid: the same models, into replicate-results-stata.csv
 * report/panelflow-&lt;runId&gt;.html|md|tex|docx|csv|json
 * </pre>
 */
public final class ReproducibilityBundle {
    public static final String DATA_DIR = "data/";
    public static final String SPEC_DIR = "spec/";
    public static final String REPORT_DIR = "report/";

    private ReproducibilityBundle() {
    }

    /** What goes in: JSON texts may be null when the run never got that far (a failed run). */
    public record Contents(String runId, String studyName, String status, String error, String version,
                           IngestUploads.Upload upload, String resultsJson, String indicesJson, String provenanceJson,
                           Map<String, byte[]> documents, Replication replication) {
    }

    /** What the replication scripts are made from (null when the run was not estimated). */
    public record Replication(PanelTable panel, StudySpec spec, StudyResults results) {
    }

    public static final String PANEL_CSV = "estimation-panel.csv";
    public static final String PANEL_DTA = "estimation-panel.dta";
    public static final String R_SCRIPT = "replicate.R";
    public static final String STATA_SCRIPT = "replicate.do";

    /**
     * The bundle's parts written to {@code spool} (the upload is there already), with the README and SHA256SUMS made
     * from their sizes and hashes: everything the zip holds is on disk when this returns, so a failure shows here,
     * before a byte of the zip is sent.
     */
    public static Spooled spool(Contents c, BundleSpool spool) throws IOException {
        Map<String, SpooledFile> files = new LinkedHashMap<>();
        String dataPath = DATA_DIR + c.upload().dataFileName();
        String specPath = SPEC_DIR + c.upload().specFileName();
        files.put(dataPath, c.upload().data());
        files.put(specPath, spool.bytes(c.upload().specText().getBytes(StandardCharsets.UTF_8)));
        putText(spool, files, "results.json", c.resultsJson());
        putText(spool, files, "indices.json", c.indicesJson());
        putText(spool, files, "provenance.json", c.provenanceJson());
        if (c.replication() != null) {
            Replication r = c.replication();
            ReplicationPlan plan = ReplicationPlan.of(r.spec(), r.results());
            List<String> columns = r.panel().columns().stream().map(PanelColumn::name).toList();
            Set<String> text = r.panel().columns().stream().filter(col -> col.kind() == PanelColumn.ColumnKind.TEXT)
                    .map(PanelColumn::name).collect(Collectors.toSet());
            files.put(PANEL_CSV, spool.write(out -> EstimationPanelCsv.write(r.panel(), out)));
            putText(spool, files, R_SCRIPT, RReplicationScript.write(c.runId(), plan, PANEL_CSV));
            files.put(PANEL_DTA, spool.write(out -> EstimationPanelDta.write(c.runId(), r.panel(), out)));
            putText(spool, files, STATA_SCRIPT, StataReplicationScript.write(c.runId(), plan, PANEL_DTA, columns, text));
        }
        for (Map.Entry<String, byte[]> d : c.documents().entrySet()) {
            files.put(REPORT_DIR + d.getKey(), spool.bytes(d.getValue()));
        }

        StringBuilder sums = new StringBuilder();
        files.forEach((name, file) -> sums.append(file.sha256()).append("  ").append(name).append('\n'));
        return new Spooled(readme(c, dataPath, specPath, files).getBytes(StandardCharsets.UTF_8),
                sums.toString().getBytes(StandardCharsets.UTF_8), files);
    }

    /**
     * A bundle whose parts are on disk: README.txt and SHA256SUMS (small, in memory), then every part in order
     * under its name in the zip. Compressed at Deflater's fastest level: for panels of millions of rows it is
     * several times faster than the default level, for a zip about a tenth larger.
     */
    public record Spooled(byte[] readme, byte[] sums, Map<String, SpooledFile> files) {
        /** Writes the zip to {@code out}, each part copied from its file (the stream is finished, not closed). */
        public void writeZip(OutputStream out) throws IOException {
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            zip.setLevel(Deflater.BEST_SPEED);
            put(zip, "README.txt", readme);
            put(zip, "SHA256SUMS", sums);
            for (Map.Entry<String, SpooledFile> f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                Files.copy(f.getValue().path(), zip);
                zip.closeEntry();
            }
            zip.finish();
            zip.flush();
        }
    }

    static String readme(Contents c, String dataPath, String specPath, Map<String, SpooledFile> files) {
        String nl = "\r\n";
        List<String> l = new ArrayList<>();
        l.add("panelflow reproducibility bundle");
        l.add("================================");
        l.add("");
        l.add("Run:               " + c.runId());
        if (c.studyName() != null) {
            l.add("Study:             " + c.studyName());
        }
        l.add("Status:            " + c.status() + (c.error() == null ? "" : " (" + c.error() + ")"));
        l.add("panelflow version: " + (c.version() == null ? "unknown" : c.version()));
        l.add("Bundle made at:    " + Instant.now());
        l.add("");
        l.add("Contents");
        l.add("--------");
        l.add(String.format("  %-40s %s", dataPath, "the uploaded data file, byte for byte, under its original name ("
                + c.upload().data().size() + " bytes, SHA-256 " + c.upload().data().sha256() + ")"));
        l.add(String.format("  %-40s %s", specPath, "the study spec, as uploaded"));
        if (files.containsKey("results.json")) {
            l.add(String.format("  %-40s %s", "results.json", "every model's results (GET /api/runs/{runId}/results)"));
        }
        if (files.containsKey("indices.json")) {
            l.add(String.format("  %-40s %s", "indices.json", "every composite and balance index (GET /api/runs/{runId}/indices)"));
        }
        if (files.containsKey("provenance.json")) {
            l.add(String.format("  %-40s %s", "provenance.json", "the data's file name, size and SHA-256 as the pipeline recorded them"));
        }
        if (files.containsKey(PANEL_CSV)) {
            l.add(String.format("  %-40s %s", PANEL_CSV, "the panel the models were estimated on: cleaned, with derived and index columns"));
            l.add(String.format("  %-40s %s", PANEL_DTA, "the same panel as a Stata 14+ dataset (format 118; original names as variable labels)"));
            l.add(String.format("  %-40s %s", R_SCRIPT, "R (fixest, did): re-estimates every fixed-effects model, writes replicate-results.csv"));
            l.add(String.format("  %-40s %s", STATA_SCRIPT, "Stata (reghdfe, ivreghdfe, csdid): the same models, writes replicate-results-stata.csv"));
        }
        for (String name : files.keySet()) {
            if (name.startsWith(REPORT_DIR)) {
                l.add(String.format("  %-40s %s", name, "the report, as rendered for this run"));
            }
        }
        l.add(String.format("  %-40s %s", "SHA256SUMS", "checksums of the files above (sha256sum -c SHA256SUMS)"));
        l.add("");
        l.add("How to reproduce");
        l.add("----------------");
        l.add("1. Check the files:   sha256sum -c SHA256SUMS");
        l.add("2. Start a run with the same data and spec (multipart POST to the ingest service, port 8081 by default):");
        l.add("");
        l.add("     curl -sS -F " + shellQuote("data=@" + dataPath) + " -F " + shellQuote("spec=@" + specPath)
                + " http://127.0.0.1:8081/api/runs");
        l.add("");
        l.add("   The answer is 202 {\"runId\": \"<new run>\", \"status\": \"ACCEPTED\"}. The dashboard's upload");
        l.add("   form (report service, http://127.0.0.1:8084/) does the same.");
        l.add("3. Wait until GET http://127.0.0.1:8084/api/runs/<new run> says \"status\": \"COMPLETED\".");
        if (files.containsKey("results.json")) {
            l.add("4. Compare: GET http://127.0.0.1:8084/api/runs/<new run>/results equals results.json here,");
            l.add("   apart from the runId fields; the new report's Reproducibility section shows the same");
            l.add("   data SHA-256. Same data, same spec and the same panelflow version give the same numbers.");
        } else {
            l.add("4. Compare the new run's status and error with the ones above (this run gave no results).");
        }
        if (files.containsKey(R_SCRIPT)) {
            l.add("");
            l.add("Without panelflow");
            l.add("-----------------");
            l.add("   Rscript replicate.R      (in this folder; needs the R packages fixest and, for Callaway-Sant'Anna, did)");
            l.add("   do replicate.do          (Stata 16+; needs reghdfe, ivreghdfe, csdid from SSC)");
            l.add("   Each writes one row per coefficient: model (the result id in results.json), term, estimate,");
            l.add("   std_error. fixest's defaults are panelflow's conventions, so replicate-results.csv matches");
            l.add("   results.json; the script's header lists the results it does not re-estimate and why.");
        }
        return String.join(nl, l) + nl;
    }

    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static void putText(BundleSpool spool, Map<String, SpooledFile> files, String name, String text)
            throws IOException {
        if (text != null) {
            files.put(name, spool.bytes(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    public static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
