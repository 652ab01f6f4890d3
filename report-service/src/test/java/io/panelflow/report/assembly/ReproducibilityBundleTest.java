package io.panelflow.report.assembly;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundle's layout, README and checksums, and how the upload's file name is read. */
class ReproducibilityBundleTest {

    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    /** The zip of the contents made by {@code contents} from an upload of {@code data}, spooled and streamed as served. */
    static byte[] zip(String dataName, byte[] data, String specName, String specText,
                      java.util.function.Function<IngestUploads.Upload, ReproducibilityBundle.Contents> contents) throws IOException {
        try (BundleSpool spool = BundleSpool.create()) {
            var upload = new IngestUploads.Upload(dataName, spool.bytes(data), specName, specText);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            ReproducibilityBundle.spool(contents.apply(upload), spool).writeZip(out);
            return out.toByteArray();
        }
    }

    @Test
    void theBundleHoldsTheUploadAsReceivedTheResultsEveryDocumentAndAReadme() throws IOException {
        byte[] data = "province,year,y\nA,2020,1\n".getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> docs = new LinkedHashMap<>();
        docs.put("panelflow-r1.html", "<html></html>".getBytes(StandardCharsets.UTF_8));
        docs.put("panelflow-r1.docx", new byte[]{'P', 'K', 3, 4});
        byte[] zip = zip("省级 panel.csv", data, "spec.yaml", "name: t\n", upload -> new ReproducibilityBundle.Contents(
                "r1", "t", "COMPLETED", null, "0.1.0", upload, "{\"runId\": \"r1\"}", "{\"indices\": []}", "{\"sha256\": \"x\"}", docs, null));

        Map<String, byte[]> files = unzip(zip);
        assertEquals(java.util.List.of("README.txt", "SHA256SUMS", "data/省级 panel.csv", "spec/spec.yaml", "results.json",
                "indices.json", "provenance.json", "report/panelflow-r1.html", "report/panelflow-r1.docx"),
                java.util.List.copyOf(files.keySet()));
        assertArrayEquals(data, files.get("data/省级 panel.csv"));
        assertEquals("name: t\n", new String(files.get("spec/spec.yaml"), StandardCharsets.UTF_8));
        assertArrayEquals(new byte[]{'P', 'K', 3, 4}, files.get("report/panelflow-r1.docx"));

        String readme = new String(files.get("README.txt"), StandardCharsets.UTF_8);
        assertTrue(readme.contains("curl -sS -F 'data=@data/省级 panel.csv' -F 'spec=@spec/spec.yaml'"), readme);
        assertTrue(readme.contains("/api/runs"), readme);
        assertTrue(readme.contains(ReproducibilityBundle.sha256(data)), readme);

        String sums = new String(files.get("SHA256SUMS"), StandardCharsets.UTF_8);
        assertTrue(sums.contains(ReproducibilityBundle.sha256(data) + "  data/省级 panel.csv\n"), sums);
        assertEquals(7, sums.lines().count(), "every file but README and the list itself");
    }

    @Test
    void aFailedRunStillBundlesItsUploadWithoutTheMissingParts() throws IOException {
        Map<String, byte[]> files = unzip(zip("p.xlsx", new byte[]{1, 2}, "spec.json", "{}",
                upload -> new ReproducibilityBundle.Contents("r2", null, "FAILED",
                "estimation stage: singular", null, upload, null, null, null, Map.of(), null)));
        assertEquals(java.util.Set.of("README.txt", "SHA256SUMS", "data/p.xlsx", "spec/spec.json"), files.keySet());
        String readme = new String(files.get("README.txt"), StandardCharsets.UTF_8);
        assertTrue(readme.contains("FAILED (estimation stage: singular)"), readme);
        assertFalse(readme.contains("results.json"), readme);
    }

    @Test
    void theFileNameOfAContentDispositionIsReadSafely() {
        assertEquals("省级面板.csv", IngestUploads.fileName(
                "attachment; filename=\"____.csv\"; filename*=UTF-8''%E7%9C%81%E7%BA%A7%E9%9D%A2%E6%9D%BF.csv", "data"));
        assertEquals("panel 1.csv", IngestUploads.fileName("attachment; filename=\"panel 1.csv\"", "data"));
        assertEquals("passwd", IngestUploads.fileName("attachment; filename=\"../../etc/passwd\"", "data"));
        assertEquals("x.csv", IngestUploads.fileName("attachment; filename=\"C:\\\\tmp\\\\x.csv\"", "data"));
        assertEquals("data", IngestUploads.fileName("attachment; filename=\"..\"", "data"));
        assertEquals("data", IngestUploads.fileName(null, "data"));
        assertEquals("a+b.csv", IngestUploads.fileName("attachment; filename*=UTF-8''a+b.csv", "data"));
    }
}
