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

    /**
     * Decodes a record value. Throws {@link UnreadableEventException} when it can never be decoded (not
     * JSON, not a payload of this type, a claim check not found, a hash mismatch, an unknown store); a
     * database failure while resolving a claim check propagates as it is (transient: retried).
     */
    public <T> T decode(String value, Class<T> type) {
        JsonNode node;
        ClaimCheck check = null;
        try {
            node = value == null ? null : EventJson.MAPPER.readTree(value);
            if (node == null || node.isMissingNode() || node.isNull()) {
                throw new UnreadableEventException("unreadable " + type.getSimpleName() + " event: the record is empty", null);
            }
            if (node.has("claimCheck")) {
                check = EventJson.MAPPER.treeToValue(node.get("claimCheck"), ClaimCheck.class);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw unreadable(type, e);
        }
        byte[] stored = check == null ? null : store.get(check);
        try {
            return stored != null ? EventJson.MAPPER.readValue(stored, type) : EventJson.MAPPER.treeToValue(node, type);
        } catch (IOException | IllegalArgumentException e) {
            throw unreadable(type, e);
        }
    }

    private static UnreadableEventException unreadable(Class<?> type, Exception e) {
        return new UnreadableEventException("unreadable " + type.getSimpleName() + " event: " + e.getMessage(), e);
    }

    /** What a record carries instead of a large payload. */
    public record ClaimCheckEnvelope(String runId, ClaimCheck claimCheck) {
    }
}
