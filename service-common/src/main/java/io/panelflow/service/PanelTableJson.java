package io.panelflow.service;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.panelflow.model.event.ClaimCheck;
import io.panelflow.model.panel.PanelColumn;
import io.panelflow.model.panel.PanelTable;

import java.io.IOException;
import java.util.List;

/**
 * The JSON of a {@link PanelTable} in an event: {@code {"arrow": {store, id, sha256, bytes}}}, a claim
 * check of the panel's Arrow IPC stream, when the writer has {@link PanelPayloads} (see
 * {@link EventCodec}); otherwise inline, {@code {unit, time, group, columns: [...]}}. Both forms are read.
 */
public final class PanelTableJson {
    /** The context attribute under which Jackson finds the {@link PanelPayloads}. */
    public static final Class<PanelPayloads> ATTRIBUTE = PanelPayloads.class;
    static final String ARROW = "arrow";

    private PanelTableJson() {
    }

    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("panelflow-panel-table");
        module.addSerializer(PanelTable.class, new Writer());
        module.addDeserializer(PanelTable.class, new Reader());
        return module;
    }

    static final class Writer extends StdSerializer<PanelTable> {
        Writer() {
            super(PanelTable.class);
        }

        @Override
        public void serialize(PanelTable table, JsonGenerator gen, SerializerProvider provider) throws IOException {
            PanelPayloads payloads = (PanelPayloads) provider.getAttribute(ATTRIBUTE);
            gen.writeStartObject(table);
            if (payloads != null) {
                gen.writeFieldName(ARROW);
                provider.defaultSerializeValue(payloads.put(table), gen);
            } else {
                gen.writeStringField("unit", table.unit());
                gen.writeStringField("time", table.time());
                gen.writeStringField("group", table.group());
                provider.defaultSerializeField("columns", table.columns(), gen);
            }
            gen.writeEndObject();
        }
    }

    static final class Reader extends StdDeserializer<PanelTable> {
        Reader() {
            super(PanelTable.class);
        }

        @Override
        public PanelTable deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.START_OBJECT) {
                t = p.nextToken();
            }
            String unit = null;
            String time = null;
            String group = null;
            List<PanelColumn> columns = List.of();
            ClaimCheck arrow = null;
            JavaType columnList = ctxt.getTypeFactory().constructCollectionType(List.class, PanelColumn.class);
            for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case ARROW -> arrow = ctxt.readValue(p, ClaimCheck.class);
                    case "unit" -> unit = p.getValueAsString();
                    case "time" -> time = p.getValueAsString();
                    case "group" -> group = p.getValueAsString();
                    case "columns" -> {
                        List<PanelColumn> read = ctxt.readValue(p, columnList);
                        columns = read == null ? List.of() : read;
                    }
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                return (PanelTable) ctxt.handleUnexpectedToken(PanelTable.class, p);
            }
            if (arrow == null) {
                return new PanelTable(unit, time, group, columns);
            }
            PanelPayloads payloads = (PanelPayloads) ctxt.getAttribute(ATTRIBUTE);
            if (payloads == null) {
                throw new UnreadableEventException("a panel stored as Arrow (" + arrow.id() + ") cannot be read here: "
                        + "no claim-check store", null);
            }
            return payloads.get(arrow);
        }
    }
}
