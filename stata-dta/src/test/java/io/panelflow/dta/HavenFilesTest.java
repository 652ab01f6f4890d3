package io.panelflow.dta;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files written by Stata and R haven (the test files of the haven package, MIT licence, see
 * resources/haven/LICENSE): formats 115, 117 and 118, both byte orders where present, every numeric type,
 * extended missing values and value labels.
 */
class HavenFilesTest {

    static Path resource(String name) throws URISyntaxException {
        return Path.of(HavenFilesTest.class.getResource("/haven/" + name).toURI());
    }

    static List<Object[]> rows(DtaReader r) {
        List<Object[]> out = new ArrayList<>();
        r.readRows((i, row) -> out.add(row));
        return out;
    }

    @Test
    void format117EveryStorageType() throws Exception {
        try (DtaReader r = DtaReader.open(resource("types.dta"))) {
            assertEquals(117, r.release());
            assertEquals(List.of("vfloat", "vdouble", "vlong", "vint", "vbyte", "vstr", "vdate", "vdatetime"),
                    r.variables().stream().map(DtaVariable::name).toList());
            assertEquals(List.of(DtaType.FLOAT, DtaType.DOUBLE, DtaType.LONG, DtaType.INT, DtaType.BYTE, DtaType.STR,
                    DtaType.FLOAT, DtaType.DOUBLE).subList(0, 6), r.variables().stream().map(DtaVariable::type).toList().subList(0, 6));
            List<Object[]> rows = rows(r);
            assertEquals(r.observations(), rows.size());
            assertTrue(rows.size() >= 1);
            Object[] first = rows.get(0);
            for (int j = 0; j < 5; j++) {
                assertTrue(first[j] == null || first[j] instanceof Double, "numeric " + j);
            }
            assertTrue(first[5] instanceof String);
            assertTrue(r.variables().get(6).format().startsWith("%td"), r.variables().get(6).format());
        }
    }

    @Test
    void format118ExtendedMissingValuesAndTheirLabels() throws Exception {
        for (String file : List.of("tagged-na-double.dta", "tagged-na-int.dta")) {
            try (DtaReader r = DtaReader.open(resource(file))) {
                assertEquals(118, r.release());
                List<Object[]> rows = rows(r);
                // haven's test: x = 1..5, then .a, .h, .z (all missing here)
                assertEquals(8, rows.size(), file);
                for (int i = 0; i < 5; i++) {
                    assertEquals((double) (i + 1), rows.get(i)[0], file + " row " + i);
                }
                for (int i = 5; i < 8; i++) {
                    assertNull(rows.get(i)[0], file + " row " + i + " is an extended missing value");
                }
                DtaVariable x = r.variables().get(0);
                assertTrue(x.hasValueLabels(), file);
                assertTrue(r.valueLabels().containsKey(x.valueLabelName()), file + " " + r.valueLabels());
            }
        }
    }

    @Test
    void format118IrisWithItsLabels() throws Exception {
        try (DtaReader r = DtaReader.open(resource("iris.dta"))) {
            assertEquals(118, r.release());
            assertEquals(150, r.observations());
            List<String> names = r.variables().stream().map(DtaVariable::name).toList();
            assertEquals(5, names.size(), names.toString());
            List<Object[]> rows = rows(r);
            assertEquals(5.1, (Double) rows.get(0)[0], 1e-6);
            assertEquals(3.5, (Double) rows.get(0)[1], 1e-6);
            Object species = rows.get(0)[4];
            Object last = rows.get(149)[4];
            if (species instanceof String s) {
                assertEquals("setosa", s);
                assertEquals("virginica", last);
            } else {
                Map<Integer, String> labels = r.valueLabels().get(r.variables().get(4).valueLabelName());
                assertEquals("setosa", labels.get(((Double) species).intValue()));
                assertEquals("virginica", labels.get(((Double) last).intValue()));
            }
        }
    }

    @Test
    void format115WithItsDataLabel() throws Exception {
        try (DtaReader r = DtaReader.open(resource("notes.dta"))) {
            assertEquals(115, r.release());
            assertEquals("This is a test dataset.", r.dataLabel());
            assertTrue(r.variables().stream().anyMatch(v -> v.name().equals("id")));
            assertEquals(r.observations(), rows(r).size());
        }
        try (DtaReader r = DtaReader.open(resource("datetime-d.dta"))) {
            assertEquals(115, r.release());
            List<Object[]> rows = rows(r);
            assertEquals(1, rows.size());
            // 2015-11-02 is day 20394 after 1960-01-01
            assertEquals(20394.0, rows.get(0)[0]);
        }
    }
}
