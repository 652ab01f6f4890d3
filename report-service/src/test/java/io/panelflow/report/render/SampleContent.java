package io.panelflow.report.render;

import io.panelflow.report.figure.Figures;
import io.panelflow.report.table.IvTables;
import io.panelflow.report.table.Labels;
import io.panelflow.report.table.RegressionTables;
import io.panelflow.report.table.SampleResults;
import io.panelflow.report.table.Table;
import io.panelflow.report.table.TableOptions;

import java.util.List;
import java.util.Map;

final class SampleContent {

    static final Labels LABELS = new Labels(Map.of("Y", "Equalization & access_100%", "log(pgdp)", "ln GDP"));

    private SampleContent() {
    }

    static Table baseline() {
        return new RegressionTables(LABELS, TableOptions.DEFAULT).baseline("baseline", "Baseline regression", SampleResults.stepwise());
    }

    static Table iv() {
        return new IvTables(LABELS, TableOptions.DEFAULT).iv("iv", "Instrumental variables", SampleResults.iv());
    }

    static ReportContent content() {
        Figures figures = new Figures(LABELS);
        return new ReportContent("A study", "Run r-1", List.of(
                new Section("data", "Data", List.of(new Block.Paragraph("Synthetic data: not real."),
                        new Block.Facts(List.of("Rows: 279")))),
                new Section("baseline", "Baseline", List.of(new Block.TableBlock(baseline()),
                        new Block.FigureBlock(figures.coefficientPlot("figure-baseline", "DT across columns",
                                SampleResults.stepwise(), "DT")))),
                new Section("iv", "IV", List.of(new Block.TableBlock(iv()))),
                new Section("repro", "Reproducibility", List.of(new Block.Code("yaml", "name: x\nmodels: []\n")))));
    }
}
