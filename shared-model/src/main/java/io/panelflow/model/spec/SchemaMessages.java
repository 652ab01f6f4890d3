package io.panelflow.model.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import io.panelflow.model.text.NearestName;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Turns JSON Schema validation messages into texts a person can act on: a value outside an enumeration is
 * quoted and the nearest valid value suggested ({@code 'entropy-topsys' is not a method; did you mean
 * 'entropy-topsis'?}), an unknown field likewise ({@code 'formual' is not a field of models[0]; did you mean
 * 'formula'?}); where either is reported, the "one of" and "type" messages of the same place are left out,
 * as they only restate it.
 */
final class SchemaMessages {
    /** Fields whose name reads as a noun: "is not a method". Others read "is not a valid value of missing". */
    private static final Set<String> NOUNS = Set.of("method", "split", "learner", "type", "direction", "scope",
            "function", "level", "vcov");

    private SchemaMessages() {
    }

    static SpecException toException(Set<ValidationMessage> errors, JsonNode schema) {
        List<ValidationMessage> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                .thenComparing(ValidationMessage::getMessage));
        Set<String> explained = new java.util.HashSet<>();
        for (ValidationMessage m : sorted) {
            if (isExplained(m)) {
                explained.add(m.getInstanceLocation().toString());
            }
        }
        List<ValidationMessage> kept = new ArrayList<>();
        for (ValidationMessage m : sorted) {
            boolean restates = ("oneOf".equals(m.getType()) || "type".equals(m.getType()) || "anyOf".equals(m.getType()))
                    && explained.contains(m.getInstanceLocation().toString());
            if (!restates) {
                kept.add(m);
            }
        }
        if (kept.isEmpty()) {
            kept = sorted;
        }
        ValidationMessage first = kept.stream().filter(SchemaMessages::isExplained).findFirst().orElse(kept.get(0));
        List<String> texts = new ArrayList<>();
        texts.add(text(first, schema));
        for (ValidationMessage m : kept) {
            if (m != first) {
                String t = text(m, schema);
                if (!texts.contains(t)) {
                    texts.add(t);
                }
            }
        }
        return new SpecException(first.getInstanceLocation().toString(), String.join("; ", texts));
    }

    private static boolean isExplained(ValidationMessage m) {
        return "enum".equals(m.getType()) || "additionalProperties".equals(m.getType());
    }

    static String text(ValidationMessage m, JsonNode schema) {
        String path = m.getInstanceLocation().toString();
        if ("enum".equals(m.getType()) && m.getInstanceNode() != null && m.getSchemaNode() != null
                && m.getSchemaNode().isArray()) {
            List<String> allowed = new ArrayList<>();
            m.getSchemaNode().forEach(v -> allowed.add(v.asText()));
            String written = m.getInstanceNode().asText();
            String noun = noun(path);
            boolean natural = NOUNS.contains(noun);
            return "'" + written + "' is not " + (natural ? article(noun) + " " + noun : "a valid value of " + noun)
                    + NearestName.suggestion(written, allowed) + " (" + (natural ? "the " + noun + "s" : "the values")
                    + " are " + String.join(", ", allowed) + ")";
        }
        if ("additionalProperties".equals(m.getType())) {
            String property = m.getProperty();
            if (property == null && m.getArguments() != null && m.getArguments().length > 0) {
                property = String.valueOf(m.getArguments()[0]);
            }
            List<String> fields = allowedFields(m, schema);
            String where = path.equals("$") ? "the spec" : path.startsWith("$.") ? path.substring(2) : path;
            if (property != null && !fields.isEmpty()) {
                return "'" + property + "' is not a field of " + where + NearestName.suggestion(property, fields)
                        + " (its fields are " + String.join(", ", fields) + ")";
            }
        }
        return m.getMessage();
    }

    /** The property names the schema object around an {@code additionalProperties: false} allows. */
    private static List<String> allowedFields(ValidationMessage m, JsonNode schema) {
        List<String> out = new ArrayList<>();
        try {
            String pointer = m.getSchemaLocation().getFragment().toString();
            if (pointer.endsWith("/additionalProperties")) {
                pointer = pointer.substring(0, pointer.length() - "/additionalProperties".length());
            }
            JsonNode properties = schema.at(pointer.isEmpty() ? "/properties" : pointer + "/properties");
            for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
                out.add(it.next());
            }
        } catch (RuntimeException e) {
            // no list then; the message still quotes the field
        }
        return out;
    }

    /** The field an instance path ends in: {@code $.indices[0].method} → method; {@code $.did[0].methods[1]} → method. */
    static String noun(String path) {
        String p = path;
        boolean element = false;
        while (p.endsWith("]")) {
            p = p.substring(0, p.lastIndexOf('['));
            element = true;
        }
        String last = p.substring(p.lastIndexOf('.') + 1);
        if (element && last.endsWith("s") && last.length() > 1) {
            last = last.substring(0, last.length() - 1);
        }
        return last;
    }

    private static String article(String noun) {
        return "aeiou".indexOf(Character.toLowerCase(noun.charAt(0))) >= 0 ? "an" : "a";
    }
}
