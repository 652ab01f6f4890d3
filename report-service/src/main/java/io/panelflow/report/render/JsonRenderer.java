package io.panelflow.report.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.panelflow.report.figure.Figure;
import io.panelflow.report.table.Cell;
import io.panelflow.report.table.Row;
import io.panelflow.report.table.Table;
import io.panelflow.report.table.TableSection;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every table as JSON: headers with spans, sections of rows whose cells carry the printed text and,
 * where there is one, the unrounded number; the notes. Figures are listed with their SVG.
 */
public final class JsonRenderer {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String render(ReportContent content, Map<String, Object> metadata) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("title", content.title());
        root.put("subtitle", content.subtitle());
        if (metadata != null) {
            root.putAll(metadata);
        }
        root.put("tables", content.tables().stream().map(JsonRenderer::table).toList());
        List<Map<String, Object>> figures = new ArrayList<>();
        for (Figure f : content.figures()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", f.id());
            m.put("caption", f.caption());
            m.put("notes", f.notes());
            m.put("svg", f.svg());
            figures.add(m);
        }
        root.put("figures", figures);
        return write(root);
    }

    public String render(List<Table> tables) {
        return write(Map.of("tables", tables.stream().map(JsonRenderer::table).toList()));
    }

    static Map<String, Object> table(Table t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("title", t.title());
        m.put("columns", t.columnCount());
        m.put("headers", t.headers().stream().map(h -> h.stream().map(JsonRenderer::cell).toList()).toList());
        List<Map<String, Object>> sections = new ArrayList<>();
        for (TableSection s : t.sections()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("title", s.title());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Row r : s.rows()) {
                Map<String, Object> rm = new LinkedHashMap<>();
                rm.put("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT));
                rm.put("cells", r.cells().stream().map(JsonRenderer::cell).toList());
                rows.add(rm);
            }
            sm.put("rows", rows);
            sections.add(sm);
        }
        m.put("sections", sections);
        m.put("notes", t.notes());
        return m;
    }

    private static Map<String, Object> cell(Cell c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", c.text());
        if (c.value() != null) {
            m.put("value", c.value());
        }
        if (c.span() > 1) {
            m.put("span", c.span());
        }
        return m;
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
