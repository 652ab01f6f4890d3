package io.panelflow.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.panelflow.model.event.ClaimCheck;
import io.panelflow.model.panel.PanelTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns event payloads into record values and back. Every panel of an event ({@link PanelTable}) is
 * written as an Arrow IPC stream to the {@link ClaimCheckStore} and the event's JSON carries
 * {@code {"arrow": {...}}} in its place, so records stay small JSON; decoding reads the panels back
 * transparently. An event whose JSON is still larger than {@code panelflow.claim-check.threshold-bytes}
 * is stored whole and the record carries only {@code {"claimCheck": {...}}}.
 */
@ApplicationScoped
public class EventCodec {
    /** The claim-check kind of a panel's Arrow stream: the event's kind with this suffix. */
    public static final String PANEL_KIND_SUFFIX = ".panel";

    @Inject
    ClaimCheckStore store;

    @ConfigProperty(name = "panelflow.claim-check.threshold-bytes", defaultValue = "262144")
    int thresholdBytes;

    /** The record value of {@code payload}: its panels stored as Arrow, the rest JSON (claim-checked if large). */
    public String encode(String runId, String kind, Object payload) {
        return encodeJson(runId, kind, jsonBytes(runId, kind, payload));
    }

    /**
     * The JSON of {@code payload} with each panel stored as Arrow and referenced: what a stage keeps as
     * its output and publishes (through {@link #encodeJson}).
     */
    public String json(String runId, String kind, Object payload) {
        return new String(jsonBytes(runId, kind, payload), StandardCharsets.UTF_8);
    }

    private byte[] jsonBytes(String runId, String kind, Object payload) {
        try {
            return EventJson.MAPPER.writer().withAttribute(PanelTableJson.ATTRIBUTE, payloads(runId, kind))
                    .writeValueAsBytes(payload);
        } catch (IOException e) {
            throw rethrown(e, () -> new IllegalStateException("cannot write the " + kind + " event of run " + runId
                    + ": " + e.getMessage(), e));
        }
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
     * JSON, not a payload of this type, a claim check or panel not found, a hash mismatch, an unknown store,
     * a panel that is not Arrow); a database or object-store failure while resolving a claim check propagates
     * as it is (transient: retried).
     */
    public <T> T decode(String value, Class<T> type) {
        return decode(value, type, true);
    }

    /**
     * As {@link #decode}, leaving every panel stored as Arrow out (null) without reading it: for a consumer
     * that needs the rest of the event only (the report), so a large panel costs it neither time nor heap.
     */
    public <T> T decodeWithoutPanels(String value, Class<T> type) {
        return decode(value, type, false);
    }

    /**
     * The claim check of the panel an event carries as Arrow under {@code field} ({@code panel},
     * {@code groupPanel}), without reading the panel: for a consumer that keeps the Arrow stream as it is (the
     * report's copy of the estimation panel). Empty when the field is absent, null or an inline panel.
     */
    public Optional<ClaimCheck> panelCheck(String value, String field) {
        try {
            JsonNode node = value == null ? null : EventJson.MAPPER.readTree(value);
            if (node != null && node.has("claimCheck")) {
                node = EventJson.MAPPER.readTree(store.get(EventJson.MAPPER.treeToValue(node.get("claimCheck"), ClaimCheck.class)));
            }
            JsonNode arrow = node == null ? null : node.path(field).get(PanelTableJson.ARROW);
            return arrow == null || arrow.isNull() ? Optional.empty()
                    : Optional.of(EventJson.MAPPER.treeToValue(arrow, ClaimCheck.class));
        } catch (IOException | IllegalArgumentException e) {
            throw new UnreadableEventException("unreadable event: the panel '" + field + "' is not a claim check: "
                    + e.getMessage(), e);
        }
    }

    private <T> T decode(String value, Class<T> type, boolean panels) {
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
        ObjectReader reader = EventJson.MAPPER.readerFor(type)
                .withAttribute(PanelTableJson.ATTRIBUTE, panels ? payloads(null, null) : PanelPayloads.SKIPPED);
        try {
            return stored != null ? reader.readValue(stored) : reader.readValue(node);
        } catch (IOException | IllegalArgumentException e) {
            throw rethrown(e, () -> unreadable(type, e));
        }
    }

    private PanelPayloads payloads(String runId, String kind) {
        return new PanelPayloads() {
            @Override
            public ClaimCheck put(PanelTable panel) {
                try {
                    return store.put(runId, kind + PANEL_KIND_SUFFIX, out -> PanelArrow.write(panel, out));
                } catch (IllegalStateException e) {
                    throw new StoreUnavailable(e);
                }
            }

            @Override
            public PanelTable get(ClaimCheck check) {
                try {
                    return store.read(check, PanelArrow::read);
                } catch (IllegalStateException e) {
                    throw new StoreUnavailable(e);
                } catch (IOException e) {
                    throw new UnreadableEventException("claim-checked panel " + check.id() + " is not an Arrow panel: "
                            + e.getMessage(), e);
                }
            }
        };
    }

    /**
     * Jackson wraps what the panel store throws; the store's own verdict counts: unreadable stays
     * unreadable, an outage stays transient. Anything else is {@code otherwise}.
     */
    private static RuntimeException rethrown(Exception e, java.util.function.Supplier<RuntimeException> otherwise) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof UnreadableEventException u) {
                return u;
            }
            if (c instanceof StoreUnavailable s) {
                return s;
            }
        }
        return otherwise.get();
    }

    private static UnreadableEventException unreadable(Class<?> type, Exception e) {
        return new UnreadableEventException("unreadable " + type.getSimpleName() + " event: " + e.getMessage(), e);
    }

    /**
     * An outage of the claim-check store met while a panel was written or read, or Arrow unable to reach
     * its buffers: transient (retried until the store is back or the service is restarted right).
     */
    static final class StoreUnavailable extends IllegalStateException {
        StoreUnavailable(IllegalStateException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** What a record carries instead of a large payload. */
    public record ClaimCheckEnvelope(String runId, ClaimCheck claimCheck) {
    }
}
