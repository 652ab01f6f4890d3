package io.panelflow.ingest.clean;

import io.panelflow.frame.PanelFrame;
import io.panelflow.ingest.upload.UploadProblem;
import io.panelflow.model.result.ColumnQuality;
import io.panelflow.model.result.DataQualityReport;
import io.panelflow.model.result.DescriptiveStatistic;
import io.panelflow.model.spec.SpecReader;
import io.panelflow.model.spec.StudySpec;
import io.panelflow.testing.SharedReference;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PanelPreparationTest {
    private static final double NA = Double.NaN;

    private static PreparedPanel prepare(String csv, String yaml) {
        return PanelPreparation.prepare(csv.getBytes(StandardCharsets.UTF_8), "p.csv", SpecReader.read(yaml));
    }

    private static ColumnQuality quality(DataQualityReport r, String column) {
        return r.columns().stream().filter(c -> c.column().equals(column)).findFirst().orElseThrow();
    }

    private static final String PANEL = """
            unit,year,gdp,pop
            B,2010,10,2
            B,2011,,2
            B,2012,,2
            B,2013,40,2
            A,2010,,1
            A,2011,5,1
            A,2013,9,1
            A,2014,,1
            """;

    @Test
    void fillsDerivesAndReports() {
        String yaml = """
                name: t
                panel: {unit: unit, time: year}
                cleaning: {missing: linear}
                derive: [{name: pgdp, expr: "gdp / pop"}]
                indices: [{name: I, method: equal, indicators: [{column: pgdp}]}]
                """;
        PreparedPanel p = prepare(PANEL, yaml);
        PanelFrame f = p.cleaned();
        assertArrayEquals(new String[]{"A", "A", "A", "A", "B", "B", "B", "B"}, f.text("unit"));
        // A: 2010 leading (left), 2014 trailing (left); B: 2011 = 10 + 30/3 = 20, 2012 = 30
        assertArrayEquals(new double[]{NA, 5, 9, NA, 10, 20, 30, 40}, f.numeric("gdp"), 1e-12);
        assertArrayEquals(new double[]{NA, 5, 9, NA, 5, 10, 15, 20}, f.numeric("pgdp"), 1e-12);
        assertTrue(Double.isNaN(p.validated().numeric("gdp")[5]), "the validated frame is left as read");

        DataQualityReport r = p.quality();
        assertEquals(8, r.rows());
        assertEquals(2, r.units());
        assertEquals(5, r.periods());
        assertEquals("2010", r.firstPeriod());
        assertEquals("2014", r.lastPeriod());
        assertFalse(r.balanced());
        assertEquals(2, r.gaps()); // A 2012, B 2014
        ColumnQuality gdp = quality(r, "gdp");
        assertEquals(new ColumnQuality("gdp", 4, 2, 2, 0, 0), gdp);
        assertTrue(r.notes().contains("2 interior gaps in gdp filled by linear interpolation"), r.notes().toString());
        assertTrue(r.notes().contains("2 missing values in gdp left missing (leading or trailing; extrapolate is off)"),
                r.notes().toString());
        assertTrue(r.notes().get(0).startsWith("8 rows: 2 units (unit) × 5 periods (year 2010–2014); unbalanced: 2"),
                r.notes().get(0));
        DescriptiveStatistic d = r.descriptives().stream().filter(s -> s.variable().equals("pgdp")).findFirst().orElseThrow();
        assertEquals(6, d.obs());
        assertEquals((5 + 9 + 5 + 10 + 15 + 20) / 6.0, d.mean(), 1e-12);
    }

    @Test
    void extrapolatesWithGrowthWhenAsked() {
        String yaml = """
                name: t
                panel: {unit: unit, time: year}
                cleaning: {missing: growth, extrapolate: true, columns: [gdp]}
                """;
        PreparedPanel p = prepare(PANEL, yaml);
        double[] gdp = p.cleaned().numeric("gdp");
        // A: observations (2011, 5), (2013, 9): 1 + g = (9/5)^(1/2); 2010 = 5/(1+g), 2014 = 9(1+g)
        double a = Math.sqrt(9.0 / 5.0);
        // B: (2010, 10), (2013, 40): 2011 = 10·4^(1/3), 2012 = 10·4^(2/3)
        double b = Math.cbrt(4.0);
        assertArrayEquals(new double[]{5 / a, 5, 9, 9 * a, 10, 10 * b, 10 * b * b, 40}, gdp, 1e-9);
        assertEquals(new ColumnQuality("gdp", 4, 4, 0, 0, 0), quality(p.quality(), "gdp"));
    }

    @Test
    void winsorizesTheNamedColumnsPooled() {
        StringBuilder csv = new StringBuilder("unit,year,x\n");
        double[] x = {7, 1, 3, 10, 2, 8, 4, 100, 5, 6};
        for (int i = 0; i < x.length; i++) {
            csv.append("u").append(i).append(",2000,").append(x[i]).append('\n');
        }
        String yaml = """
                name: t
                panel: {unit: unit, time: year}
                cleaning: {winsorize: {p: [0.1, 0.9], columns: [x]}}
                """;
        PreparedPanel p = prepare(csv.toString(), yaml);
        // sorted by unit u0..u9: quantile(x, c(.1, .9)) = 1.9, 19
        assertArrayEquals(new double[]{7, 1.9, 3, 10, 2, 8, 4, 19, 5, 6}, p.cleaned().numeric("x"), 1e-12);
        assertEquals(new ColumnQuality("x", 0, 0, 0, 1, 1), quality(p.quality(), "x"));
        assertTrue(p.quality().notes().contains(
                "x winsorized at the 10% and 90% quantiles (type 7, pooled): 1 value raised, 1 value lowered"),
                p.quality().notes().toString());
        assertTrue(p.quality().balanced());
    }

    @Test
    void derivedColumnThatExistsIsAProblem() {
        String yaml = "name: t\npanel: {unit: unit, time: year}\nderive: [{name: pop, expr: \"gdp * 2\"}]\n";
        UploadProblem e = assertThrows(UploadProblem.class, () -> prepare(PANEL, yaml));
        assertEquals("pop", e.column());
    }

    @Test
    void everyBadInputIsAnUploadProblem() {
        StudySpec spec = SpecReader.read("name: t\npanel: {unit: unit, time: year}\n");
        assertThrows(UploadProblem.class, () -> PanelPreparation.prepare(new byte[0], "p.csv", spec));
        assertThrows(UploadProblem.class, () -> PanelPreparation.prepare("unit,year\n".getBytes(StandardCharsets.UTF_8),
                "p.csv", spec));
        assertThrows(UploadProblem.class, () -> PanelPreparation.prepare("x,y\n1,2\n".getBytes(StandardCharsets.UTF_8),
                "p.csv", spec));
    }

    @Test
    void readsTheChinaProvincePanel() throws IOException {
        byte[] data = Files.readAllBytes(SharedReference.data("china_province_gpi_1985_2018.csv"));
        StudySpec spec = SpecReader.read("""
                name: gpi
                panel: {unit: prov, time: year}
                derive: [{name: y, expr: "sgpi / gdp"}]
                cleaning: {missing: linear}
                models:
                  - id: base
                    formula: "y ~ tech + ind + ser + pop + wind + temp + humi | prov + year"
                    vcov: hetero
                """);
        PreparedPanel p = PanelPreparation.prepare(data, "china_province_gpi_1985_2018.csv", spec);
        DataQualityReport r = p.quality();
        // README: 31 provinces, 1985–2018, 1,039 rows, unbalanced before 1997
        assertEquals(1039, r.rows());
        assertEquals(31, r.units());
        assertEquals(34, r.periods());
        assertEquals("1985", r.firstPeriod());
        assertEquals("2018", r.lastPeriod());
        assertFalse(r.balanced());
        assertEquals(31 * 34 - 1039, r.gaps());
        String[] units = p.cleaned().text("prov");
        int[] years = p.cleaned().times();
        Map<Integer, Set<String>> perYear = new HashMap<>();
        for (int i = 0; i < units.length; i++) {
            perYear.computeIfAbsent(years[i], k -> new HashSet<>()).add(units[i]);
        }
        for (int year = 1997; year <= 2018; year++) {
            assertEquals(31, perYear.get(year).size(), "year " + year);
        }
        assertTrue(perYear.get(1996).size() < 31);
        assertTrue(new HashSet<>(Arrays.asList(units)).contains("上海市"));
        assertEquals(34, quality(r, "tech").missingBefore());
        assertEquals(1, quality(r, "wind").missingBefore());
        assertTrue(r.descriptives().stream().anyMatch(d -> d.variable().equals("y") && d.obs() == 1039));
    }

    @Test
    void readsTheChinaPrefecturePanel() throws IOException {
        byte[] data = Files.readAllBytes(SharedReference.reference("S13_china_prefecture_balance.csv"));
        StudySpec spec = SpecReader.read("""
                name: s13
                panel: {unit: id, time: year, group: province, attributes: [prefecture]}
                balance:
                  - {name: theil, method: theil-t, measure: "gdp / population", weight: population, by: province}
                """);
        PreparedPanel p = PanelPreparation.prepare(data, "S13_china_prefecture_balance.csv", spec);
        DataQualityReport r = p.quality();
        assertEquals(3055, r.rows());
        assertEquals(235, r.units());
        assertEquals(13, r.periods());
        assertEquals("2006", r.firstPeriod());
        assertEquals("2018", r.lastPeriod());
        assertTrue(r.balanced());
        assertEquals(0, r.gaps());
        assertFalse(p.cleaned().isNumeric("province"));
        assertEquals(27, new HashSet<>(Arrays.asList(p.cleaned().text("province"))).size());
        assertEquals("云南省", p.raw().rows().get(0).cell(2));
    }
}
