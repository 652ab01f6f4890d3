package io.panelflow.report.figure;

import io.panelflow.model.result.Coefficient;
import io.panelflow.model.result.ModelResult;
import io.panelflow.report.table.Labels;
import io.panelflow.report.table.SampleResults;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FiguresTest {

    private final Figures figures = new Figures(Labels.none());

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void indexTrendIsWellFormedSvgWithOneLinePerUnit() throws Exception {
        Figure f = figures.indexTrend(SampleResults.index());
        Document svg = parse(f.svg());
        assertEquals("svg", svg.getDocumentElement().getTagName());
        assertEquals(3, svg.getElementsByTagName("polyline").getLength());
        String text = svg.getDocumentElement().getTextContent();
        assertTrue(text.contains("2013") && text.contains("Beijing"), text);
    }

    @Test
    void pngAndSvgDrawTheSamePoints() throws Exception {
        Figure f = figures.coefficientPlot("coef", "DT across columns", SampleResults.stepwise(), "DT");
        NodeList circles = parse(f.svg()).getElementsByTagName("circle");
        assertEquals(3, circles.getLength());
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(f.png()));
        assertEquals((int) (Figures.WIDTH * Figure.PNG_SCALE), png.getWidth());
        assertEquals((int) (Figures.HEIGHT * Figure.PNG_SCALE), png.getHeight());
        Color series = Color.decode(Palette.series(0));
        for (int i = 0; i < circles.getLength(); i++) {
            Element c = (Element) circles.item(i);
            int x = (int) Math.round(Double.parseDouble(c.getAttribute("cx")) * Figure.PNG_SCALE);
            int y = (int) Math.round(Double.parseDouble(c.getAttribute("cy")) * Figure.PNG_SCALE);
            assertEquals(series.getRGB(), png.getRGB(x, y), "PNG pixel under SVG point " + i);
        }
        assertEquals(Color.WHITE.getRGB(), png.getRGB(2, 2));
    }

    @Test
    void eventStudyDrawsBandAndReferencePeriod() throws Exception {
        ModelResult es = SampleResults.model("event/1", "baseline", null, List.of(
                new Coefficient("rel::-3", 0.01, 0.02, 0.5, 0.6, -0.03, 0.05),
                new Coefficient("rel::-2", -0.01, 0.02, -0.5, 0.6, -0.05, 0.03),
                new Coefficient("rel::0", 0.10, 0.03, 3.3, 0.001, 0.04, 0.16),
                new Coefficient("rel::1", 0.15, 0.03, 5.0, 0.0001, 0.09, 0.21)), List.of(), Map.of());
        Figure f = figures.eventStudy("es", "Event study", es);
        Document svg = parse(f.svg());
        assertEquals(1, svg.getElementsByTagName("polygon").getLength());
        assertEquals(5, svg.getElementsByTagName("circle").getLength());
        assertTrue(svg.getDocumentElement().getTextContent().contains("-1"));
        assertNotNull(f.png());
        assertNull(figures.eventStudy("none", "none", SampleResults.stepwise().get(0)));
    }

    @Test
    void niceScaleCoversTheDataWithRoundTicks() {
        NiceScale s = NiceScale.covering(-0.031, 0.37, 6);
        assertTrue(s.low() <= -0.031 && s.high() >= 0.37);
        assertEquals("0.1", s.label(0.1));
        assertTrue(s.ticks().contains(0.0));
    }
}
