package io.panelflow.service;

import io.panelflow.model.event.ClaimCheck;
import io.panelflow.model.panel.PanelTable;

/**
 * Where the JSON of an event puts and finds its panels: {@link EventCodec} hands one to Jackson as a
 * context attribute, and {@link PanelTableJson} writes each panel as {@code {"arrow": <claim check>}} to an
 * Arrow IPC stream in the claim-check store, and reads it back. Without one, panels are written inline as
 * JSON (stored outputs of old versions, tests, small documents).
 */
public interface PanelPayloads {
    /** Reads every stored panel as null, without fetching it; writes nothing. */
    PanelPayloads SKIPPED = new PanelPayloads() {
        @Override
        public ClaimCheck put(PanelTable panel) {
            throw new IllegalStateException("panels are not written by a reader that skips them");
        }

        @Override
        public PanelTable get(ClaimCheck check) {
            return null;
        }
    };

    ClaimCheck put(PanelTable panel);

    PanelTable get(ClaimCheck check);
}
