package io.panelflow.model.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.panelflow.model.panel.PanelTable;
import io.panelflow.model.spec.StudySpec;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON Schemas of the event records as the services' JSON codec writes them (Jackson, records by their
 * components, dates as ISO-8601 text, non-finite numbers as the strings {@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"}), derived by reflection: one schema per record or enum, named by its simple name, nested
 * types by {@code $ref}. The study spec in events is the {@link StudySpec} record as read (defaults filled in,
 * every field written, null where absent), not the text a user writes, so it is derived here too; the meaning of
 * its fields is in the spec's own schema ({@code schema/study-spec.schema.json}) and the README.
 */
final class EventSchemas {
    static final String REF = "#/components/schemas/";

    private final Map<String, Object> schemas = new TreeMap<>();

    /** The schemas of {@code roots} and every record and enum they reach, by name. */
    static Map<String, Object> of(List<Class<?>> roots) {
        EventSchemas s = new EventSchemas();
        s.schemas.put("Real", real());
        roots.forEach(s::define);
        return s.schemas;
    }

    private static Map<String, Object> real() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", "a number; a value that is not finite is written as the string NaN, Infinity or -Infinity");
        m.put("oneOf", List.of(Map.of("type", "number"), AsyncApiDocument.map("type", "string", "enum", List.of("NaN", "Infinity", "-Infinity"))));
        return m;
    }

    private void define(Class<?> type) {
        String name = type.getSimpleName();
        if (schemas.containsKey(name)) {
            return;
        }
        if (type.isEnum()) {
            List<String> values = new ArrayList<>();
            for (Object c : type.getEnumConstants()) {
                values.add(((Enum<?>) c).name());
            }
            schemas.put(name, AsyncApiDocument.map("type", "string", "enum", values));
            return;
        }
        if (!type.isRecord()) {
            throw new IllegalArgumentException("not a record or enum: " + type);
        }
        if (type == PanelTable.class) {
            definePanel();
            return;
        }
        schemas.put(name, Map.of()); // a placeholder against cycles
        schemas.put(name, recordSchema(type));
    }

    private Map<String, Object> recordSchema(Class<?> type) {
        JsonInclude include = type.getAnnotation(JsonInclude.class);
        boolean omitsNulls = include != null && include.value() == JsonInclude.Include.NON_NULL;
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            boolean primitive = c.getType().isPrimitive();
            properties.put(c.getName(), property(c.getGenericType(), !primitive));
            if (primitive || !omitsNulls) {
                required.add(c.getName());
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("x-java-type", type.getName());
        schema.put("properties", properties);
        schema.put("required", required);
        return schema;
    }

    /**
     * A panel in an event has two forms: inline ({@code PanelTableInline}, the record's components) or a
     * reference to its Arrow IPC stream in the claim-check store ({@code {"arrow": ClaimCheck}}); a reader
     * accepts both.
     */
    private void definePanel() {
        schemas.put("PanelTable", AsyncApiDocument.map(
                "description", "a panel: inline, or {\"arrow\": claim check} of its Arrow IPC stream in the claim-check"
                        + " store (read the stream from the store by id and check its SHA-256)",
                "oneOf", List.of(AsyncApiDocument.map("$ref", REF + "PanelTableInline"),
                        AsyncApiDocument.map("$ref", REF + "ArrowPanel"))));
        schemas.put("ArrowPanel", AsyncApiDocument.map(
                "type", "object",
                "properties", AsyncApiDocument.map("arrow", AsyncApiDocument.map("$ref", REF + "ClaimCheck")),
                "required", List.of("arrow")));
        define(io.panelflow.model.event.ClaimCheck.class);
        schemas.put("PanelTableInline", recordSchema(PanelTable.class));
    }

    private Map<String, Object> property(Type type, boolean nullable) {
        Map<String, Object> schema = schema(type);
        if (!nullable) {
            return schema;
        }
        if (schema.containsKey("type") && schema.get("type") instanceof String t) {
            Map<String, Object> copy = new LinkedHashMap<>(schema);
            copy.put("type", List.of(t, "null"));
            return copy;
        }
        return AsyncApiDocument.map("oneOf", List.of(schema, Map.of("type", "null")));
    }

    private Map<String, Object> schema(Type type) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (List.class.isAssignableFrom(raw) || java.util.Set.class.isAssignableFrom(raw)) {
                return AsyncApiDocument.map("type", "array", "items", property(args[0], false));
            }
            if (Map.class.isAssignableFrom(raw)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("type", "object");
                if (args[1] != Object.class) {
                    m.put("additionalProperties", property(args[1], true));
                }
                return m;
            }
            throw new IllegalArgumentException("unsupported generic type " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c.isArray()) {
            // numbers: a missing or non-finite value is null (or NaN as text), primitive or not
            boolean nullable = !c.getComponentType().isPrimitive() || c.getComponentType() == double.class
                    || c.getComponentType() == float.class;
            return AsyncApiDocument.map("type", "array", "items", property(c.getComponentType(), nullable));
        }
        if (c == String.class) {
            return AsyncApiDocument.map("type", "string");
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
            return AsyncApiDocument.map("$ref", REF + "Real");
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            return AsyncApiDocument.map("type", "integer");
        }
        if (c == boolean.class || c == Boolean.class) {
            return AsyncApiDocument.map("type", "boolean");
        }
        if (c == Instant.class) {
            return AsyncApiDocument.map("type", "string", "format", "date-time");
        }
        if (c == Object.class) {
            return new LinkedHashMap<>();
        }
        define(c);
        return AsyncApiDocument.map("$ref", REF + c.getSimpleName());
    }
}
