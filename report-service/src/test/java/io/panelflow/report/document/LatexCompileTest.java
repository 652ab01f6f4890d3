package io.panelflow.report.document;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The LaTeX report compiles with pdflatex: alone (as served, figures guarded by \IfFileExists) and
 * as the bundle with its figure PNGs. Skipped, visibly, where no TeX engine is installed
 * ({@code .ci/run} installs Debian's texlive-latex-base and texlive-latex-recommended).
 */
class LatexCompileTest {

    static Path pdflatex() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "pdflatex");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    static void compile(Path dir) throws IOException, InterruptedException {
        Path engine = pdflatex();
        Assumptions.assumeTrue(engine != null, "SKIPPED: pdflatex not installed; the LaTeX report was not compiled");
        Process p = new ProcessBuilder(engine.toString(), "-interaction=nonstopmode", "-halt-on-error", "report.tex")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "pdflatex finished");
        assertEquals(0, p.exitValue(), () -> "pdflatex failed:\n" + log.substring(Math.max(0, log.length() - 3000)));
        assertTrue(Files.size(dir.resolve("report.pdf")) > 1000, "a PDF was written");
    }

    @Test
    void theServedTexCompilesAlone(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("report.tex"), ReportDocuments.render(ReportDocumentsTest.full(), Format.LATEX));
        compile(dir);
    }

    @Test
    void theBundleCompilesWithItsFigures(@TempDir Path dir) throws Exception {
        int files = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(ReportDocuments.latexBundle(ReportDocumentsTest.full())))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                Files.write(dir.resolve(e.getName()), zip.readAllBytes());
                files++;
            }
        }
        assertTrue(files > 1, "the bundle has figures besides report.tex");
        compile(dir);
        String log = Files.readString(dir.resolve("report.log"), StandardCharsets.ISO_8859_1);
        assertTrue(log.contains(".png"), "the figures were included");
    }
}
