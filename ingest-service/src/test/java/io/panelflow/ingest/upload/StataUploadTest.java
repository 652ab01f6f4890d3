package io.panelflow.ingest.upload;

import io.panelflow.dta.DtaWriter;
import io.panelflow.ingest.clean.PanelPreparation;
import io.panelflow.ingest.clean.PreparedPanel;
import io.panelflow.model.panel.PanelColumn;
import io.panelflow.model.spec.SpecReader;
import io.panelflow.model.spec.StudySpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stata datasets as uploads: the same validation, cleaning and values as the same data in CSV; value labels read
 * as the labels; missing codes as missing; the limits from the header; a damaged file refused with a reason.
 */
class StataUploadTest {
    static final LocalDateTime AT = LocalDateTime.of(2026, 12, 3, 12, 0);

    static final String CSV = """
            province,year,region,gdp,pop
            北京,2013,east,10.5,2
            北京,2014,east,,2
            北京,2015,east,12.25,2
            天津,2013,east,5,1
            天津,2014,east,6,1
            天津,2015,east,0.1,1
            """;

    static final String SPEC = """
            name: t
            panel: {unit: province, time: year, attributes: [region]}
            cleaning: {missing: linear}
            derive: [{name: pgdp, expr: "gdp / pop"}]
            """;

    /** The CSV above as Stata would save it after {@code encode province}: codes with value labels. */
    static byte[] dta(int release) {
        double nan = Double.NaN;
        return DtaWriter.write118(List.of(
                DtaWriter.Column.labelled("province", "省份", new double[]{1, 1, 1, 2, 2, 2}, Map.of(1, "北京", 2, "天津")),
                DtaWriter.Column.numeric("year", "", new double[]{2013, 2014, 2015, 2013, 2014, 2015}),
                DtaWriter.Column.text("region", "", new String[]{"east", "east", "east", "east", "east", "east"}),
                DtaWriter.Column.numeric("gdp", "", new double[]{10.5, nan, 12.25, 5, 6, 0.1}),
                DtaWriter.Column.numeric("pop", "", new double[]{2, 2, 2, 1, 1, 1})), 6, "", AT);
    }

    @Test
    void aDtaFileGivesTheSameCleanedPanelAsTheSameDataInCsv() {
        StudySpec spec = SpecReader.read(SPEC);
        PreparedPanel fromCsv = PanelPreparation.prepare(CSV.getBytes(StandardCharsets.UTF_8), "p.csv", spec);
        PreparedPanel fromDta = PanelPreparation.prepare(dta(118), "p.dta", spec);
        assertEquals(UploadFormat.DTA, fromDta.raw().format());
        assertEquals(fromCsv.raw().header(), fromDta.raw().header());
        assertEquals(fromCsv.raw().rows(), fromDta.raw().rows(), "same cells, same row numbers");
        assertEquals(columns(fromCsv), columns(fromDta));
        assertEquals(fromCsv.quality(), fromDta.quality());
    }

    static List<String> columns(PreparedPanel p) {
        List<String> out = new ArrayList<>();
        for (PanelColumn c : p.cleaned().toTable().columns()) {
            out.add(c.name() + "=" + (c.numbers() != null ? Arrays.toString(c.numbers()) : Arrays.toString(c.texts())));
        }
        return out;
    }

    @Test
    void valueLabelsAreReadAsTheLabelsOnlyWhenEveryValueHasOne() {
        RawTable t = new UploadReader().read(DtaWriter.write118(List.of(
                DtaWriter.Column.labelled("full", "", new double[]{1, 2, Double.NaN}, Map.of(1, "yes", 2, "no")),
                DtaWriter.Column.labelled("partly", "", new double[]{1, 3, 2}, Map.of(1, "low", 2, "high"))), 3, "", AT), "l.dta");
        assertEquals(List.of("yes", "1"), t.rows().get(0).cells());
        assertEquals(Arrays.asList("no", "3"), t.rows().get(1).cells());
        assertEquals(Arrays.asList(null, "2"), t.rows().get(2).cells(), "a missing code stays missing, a partly labelled variable keeps its codes");
    }

    @Test
    void extendedMissingValuesWrittenByStataAreMissing() throws IOException {
        byte[] file;
        try (var in = StataUploadTest.class.getResourceAsStream("/stata/tagged-na-double.dta")) {
            file = in.readAllBytes();
        }
        RawTable t = new UploadReader().read(file, "tagged.dta");
        // x = 1 … 5, .a, .h, .z: the last three observations are wholly missing, so blank rows, skipped as in CSV
        assertEquals(5, t.rowCount());
        assertEquals("1", t.rows().get(0).cell(0));
        assertEquals("5", t.rows().get(4).cell(0));
        assertEquals(6, t.rows().get(4).rowNumber());
        RawTable two = new UploadReader().read(DtaWriter.write118(List.of(
                DtaWriter.Column.numeric("x", "", new double[]{1, Double.longBitsToDouble(0x7fe0010000000000L)}),
                DtaWriter.Column.numeric("y", "", new double[]{1, 2})), 2, "", AT), "t.dta");
        assertNull(two.rows().get(1).cell(0), ".a is missing");
    }

    @Test
    void theLimitsAreCheckedFromTheHeader() {
        UploadLimits limits = UploadLimits.DEFAULT.withRows(5, 1000, 1_000_000);
        UploadProblem p = assertThrows(UploadProblem.class, () -> new UploadReader(limits).read(dta(118), "p.dta"));
        assertTrue(p.detail().contains("panelflow.limits.rows"), p.detail());
    }

    @Test
    void aDamagedOrMisnamedFileIsRefusedWithAReason() {
        byte[] cut = Arrays.copyOf(dta(118), 400);
        UploadProblem p = assertThrows(UploadProblem.class, () -> new UploadReader().read(cut, "p.dta"));
        assertTrue(p.detail().contains("Stata dataset (.dta) but cannot be read"), p.detail());
        UploadProblem named = assertThrows(UploadProblem.class,
                () -> new UploadReader().read("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), "p.dta"));
        assertTrue(named.detail().contains("named like a Stata dataset"), named.detail());
    }
}
