package io.panelflow.report.assembly;

import io.panelflow.model.panel.PanelColumn;
import io.panelflow.model.panel.PanelTable;
import io.panelflow.model.result.Coefficient;
import io.panelflow.model.result.ModelResult;
import io.panelflow.model.result.StudyResults;
import io.panelflow.model.result.VcovInfo;
import io.panelflow.model.spec.SpecReader;
import io.panelflow.report.replication.EstimationPanelCsv;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The bundle of a 1.5M-row panel is made in a heap smaller than the bundle's files together: the surefire
 * execution {@code bounded-heap} (report-service pom) runs this class alone with {@code -Xmx160m}, while the
 * upload, the panel's CSV and .dta come to about 290 MB. Holding any two of them in memory, as a bundle built in
 * byte arrays did, runs out of heap; streamed through the spool, only the panel table (about 60 MB) is held.
 * The zip is then read back as a client would: every entry's SHA-256 and size must match SHA256SUMS and the
 * README, the spool directory must be gone.
 */
class BundleMemoryBoundTest {
    static final int ROWS = 1_500_000;
    static final int UNITS = 150_000;

    @Test
    void aBundleOfAMillionRowsIsStreamedInAHeapSmallerThanItsFiles() throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assumeTrue(maxHeap < 256L << 20, "runs in the bounded-heap execution (-Xmx160m), not with a "
                + (maxHeap >> 20) + " MiB heap");

        PanelTable panel = panel();
        StudyResults results = new StudyResults("big", List.of(new ModelResult("baseline/1", "baseline", "baseline/1",
                "Y ~ DT_eq | province + year", "Y", ROWS, null, null,
                new VcovInfo("cluster", List.of("province"), List.of(UNITS), null, "G/(G-1)"),
                List.of(new Coefficient("DT_eq", 0.5, 0.1, 5, 0.001, 0.3, 0.7)), 0.9, 0.8, 0.5, 0.1, Map.of(), null)), null);
        var spec = SpecReader.read(Files.readString(Path.of("../deploy/demo/demo-spec.yaml")));

        BundleSpool spool = BundleSpool.create();
        Path spoolDir = spool.directory();
        Map<String, String> hashes = new LinkedHashMap<>();
        Map<String, Long> sizes = new LinkedHashMap<>();
        String readme = null;
        String sums = null;
        try {
            // the "upload": the panel's own CSV, as a user would have sent it, written by streaming
            SpooledFile upload = spool.write(out -> EstimationPanelCsv.write(panel, out));
            ReproducibilityBundle.Spooled bundle = ReproducibilityBundle.spool(new ReproducibilityBundle.Contents(
                    "big-run", "big", "COMPLETED", null, "test",
                    new IngestUploads.Upload("panel.csv", upload, "spec.yaml", "name: big\n"), "{\"runId\": \"big-run\"}",
                    null, null, Map.of("panelflow-big-run.html", "<html></html>".getBytes(StandardCharsets.UTF_8)),
                    new ReproducibilityBundle.Replication(panel, spec, results)), spool);

            long filesTotal = bundle.files().values().stream().mapToLong(SpooledFile::size).sum();
            assertTrue(filesTotal > maxHeap, "the files (" + (filesTotal >> 20) + " MiB) are larger than the whole heap ("
                    + (maxHeap >> 20) + " MiB), so this test can tell");

            // the zip streamed into a reader on another thread, as the HTTP answer is streamed to a client
            PipedInputStream in = new PipedInputStream(1 << 20);
            PipedOutputStream pipe = new PipedOutputStream(in);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (spool; OutputStream out = pipe) {
                    bundle.writeZip(out);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    if (e.getName().equals("README.txt")) {
                        readme = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                    } else if (e.getName().equals("SHA256SUMS")) {
                        sums = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                    } else {
                        MessageDigest sha = MessageDigest.getInstance("SHA-256");
                        long size = 0;
                        byte[] buffer = new byte[1 << 16];
                        for (int n; (n = zip.read(buffer)) > 0; ) {
                            sha.update(buffer, 0, n);
                            size += n;
                        }
                        hashes.put(e.getName(), HexFormat.of().formatHex(sha.digest()));
                        sizes.put(e.getName(), size);
                    }
                }
            }
            writer.join();
        } finally {
            spool.close();
        }

        assertEquals(List.of("data/panel.csv", "spec/spec.yaml", "results.json", "estimation-panel.csv", "replicate.R",
                "estimation-panel.dta", "replicate.do", "report/panelflow-big-run.html"), List.copyOf(hashes.keySet()));
        StringBuilder expected = new StringBuilder();
        hashes.forEach((name, hash) -> expected.append(hash).append("  ").append(name).append('\n'));
        assertEquals(expected.toString(), sums);
        assertEquals(hashes.get("data/panel.csv"), hashes.get("estimation-panel.csv"), "the upload was the panel's CSV");
        assertTrue(readme.contains("(" + sizes.get("data/panel.csv") + " bytes, SHA-256 " + hashes.get("data/panel.csv") + ")"),
                readme);
        long header = "province,year,Y,DT_eq,x\r\n".length();
        assertTrue(sizes.get("estimation-panel.csv") > header + ROWS * 40L, "every row is in the CSV");
        // .dta: 5 variables of 8 bytes (province is str7) per row, plus the header
        long dtaRow = 7 + 4 * 8;
        assertTrue(sizes.get("estimation-panel.dta") > ROWS * dtaRow
                && sizes.get("estimation-panel.dta") < ROWS * dtaRow + 10_000, "the .dta has every row");
        assertFalse(Files.exists(spoolDir), "the spool directory is deleted once the zip is sent");
    }

    /** Units of 10 years with three random columns (17 significant digits, so the CSV is long). */
    static PanelTable panel() {
        Random random = new Random(11);
        String[] names = new String[UNITS];
        for (int u = 0; u < UNITS; u++) {
            names[u] = String.format("p%06d", u);
        }
        String[] province = new String[ROWS];
        double[] year = new double[ROWS];
        double[] y = new double[ROWS];
        double[] dt = new double[ROWS];
        double[] x = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            province[i] = names[i / 10];
            year[i] = 2010 + i % 10;
            y[i] = random.nextGaussian();
            dt[i] = random.nextDouble();
            x[i] = random.nextInt(50) == 0 ? Double.NaN : random.nextGaussian() * 1e-5;
        }
        List<PanelColumn> columns = new ArrayList<>(List.of(PanelColumn.text("province", province),
                PanelColumn.numeric("year", year), PanelColumn.numeric("Y", y), PanelColumn.numeric("DT_eq", dt),
                PanelColumn.numeric("x", x)));
        return new PanelTable("province", "year", null, columns);
    }
}
