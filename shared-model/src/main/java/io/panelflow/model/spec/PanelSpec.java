package io.panelflow.model.spec;

import java.util.List;

/**
 * The panel's keys. {@code unit} and {@code time} identify a row; {@code group} is the higher-level
 * unit of city data (the province of a city); {@code attributes} are time-invariant text columns
 * such as region.
 */
public record PanelSpec(String unit, String time, String group, List<String> attributes) {
    public PanelSpec {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }
}
