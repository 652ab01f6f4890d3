package io.panelflow.ingest.upload;

import io.panelflow.frame.PanelFrame;
import io.panelflow.ingest.clean.PanelPreparation;
import io.panelflow.ingest.clean.PreparedPanel;
import io.panelflow.model.spec.SpecReader;
import io.panelflow.model.spec.StudySpec;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Uploads read straight into typed columns: exponents, signs and missing tokens; text kept as written. */
class TypedColumnsTest {
    private static final StudySpec SPEC = SpecReader.read("""
            name: t
            panel: {unit: firm, time: year}
            models:
              - id: m
                formula: "y ~ x | firm + year"
            """);

    @Test
    void numbersWithExponentsAndMissingTokens() {
        String csv = "firm,year,y,x,note\n"
                + "007,2001,1.346644434e-05,2.5E+03,a\n"
                + "007,2002,-7e-1,+4,b\n"
                + "12,2001,NA,.5,1.50\n"
                + "12,2002,.,-0,x\n";
        PreparedPanel p = PanelPreparation.prepare(csv.getBytes(StandardCharsets.UTF_8), "p.csv", SPEC);
        PanelFrame f = p.validated();
        assertArrayEquals(new String[]{"007", "007", "12", "12"}, f.text("firm"), "units kept as written");
        double[] y = f.numeric("y");
        assertEquals(1.346644434e-05, y[0]);
        assertEquals(-0.7, y[1]);
        assertTrue(Double.isNaN(y[2]) && Double.isNaN(y[3]));
        assertArrayEquals(new double[]{2500, 4, 0.5, -0.0}, f.numeric("x"));
        assertArrayEquals(new String[]{"a", "b", "1.50", "x"}, f.text("note"), "text after numbers kept as written");
    }

    @Test
    void aColumnThatTurnsTextLateIsReadAgainAsWritten() {
        StringBuilder csv = new StringBuilder("firm,year,y,x,code\n");
        for (int i = 0; i < 50; i++) {
            csv.append(i).append(",2001,1,2,").append(i == 40 ? "A7" : "1.0e1").append('\n');
        }
        PreparedPanel p = PanelPreparation.prepare(csv.toString().getBytes(StandardCharsets.UTF_8), "p.csv", SPEC);
        assertEquals("1.0e1", p.validated().text("code")[0]);
        assertEquals("A7", p.validated().text("code")[40]);
        assertFalse(p.validated().isNumeric("code"));
    }

    @Test
    void aBadNumberIsNamedByRowAndColumn() {
        String csv = "firm,year,y,x\n1,2001,1.5,2\n1,2002,1.5e,3\n";
        UploadProblem e = assertThrows(UploadProblem.class,
                () -> PanelPreparation.prepare(csv.getBytes(StandardCharsets.UTF_8), "p.csv", SPEC));
        assertTrue(e.detail().contains("row 3, column y: '1.5e' is not a number"), e.detail());
    }

    @Test
    void duplicatesAreFoundInAnyOrder() {
        String csv = "firm,year,y,x\nb,2002,1,2\na,2001,1,2\nb,2001,1,2\nb,2002,3,4\n";
        UploadProblem e = assertThrows(UploadProblem.class,
                () -> PanelPreparation.prepare(csv.getBytes(StandardCharsets.UTF_8), "p.csv", SPEC));
        assertTrue(e.detail().contains("rows 2 and 5 both have firm 'b' and year 2002"), e.detail());
    }
}
