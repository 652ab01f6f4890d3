package io.panelflow.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.model.event.ClaimCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Turns event payloads into record values and back. A payload whose JSON is larger than
 * {@code panelflow.claim-check.threshold-bytes} is stored in the {@link ClaimCheckStore} and the
 * record carries only {@code {"claimCheck": {...}}}; decoding resolves it transparently.
 */
@ApplicationScoped
public class EventCodec {
    @Inject
    ClaimCheckStore store;

    @ConfigProperty(name = "panelflow.claim-check.threshold-bytes", defaultValue = "262144")
    int thresholdBytes;

    public String encode(String runId, String kind, Object payload) {
        return encodeJson(runId, kind, EventJson.bytes(payload));
    }

    /** As {@link #encode}, for a payload already written as JSON. */
    public String encodeJson(String runId, String kind, byte[] json) {
        if (json.length <= thresholdBytes) {
            return new String(json, StandardCharsets.UTF_8);
        }
        ClaimCheck check = store.put(runId, kind, json);
        return EventJson.text(new ClaimCheckEnvelope(runId, check));
    }

    /** Decodes a record value; throws {@link UnreadableEventException} when it is not a valid payload of this type. */
    public <T> T decode(String value, Class<T> type) {
        try {
            JsonNode node = EventJson.MAPPER.readTree(value);
            if (node != null && node.has("claimCheck")) {
                ClaimCheck check = EventJson.MAPPER.treeToValue(node.get("claimCheck"), ClaimCheck.class);
                return EventJson.MAPPER.readValue(store.get(check), type);
            }
            return EventJson.MAPPER.treeToValue(node, type);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableEventException("unreadable " + type.getSimpleName() + " event: " + e.getMessage(), e);
        }
    }

    /** What a record carries instead of a large payload. */
    public record ClaimCheckEnvelope(String runId, ClaimCheck claimCheck) {
    }
}
