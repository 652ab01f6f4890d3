package io.panelflow.system.drill;

import java.util.Locale;

/** What a drill round breaks: the broker, one service (SIGKILL), or the database (immediate stop). */
public enum Fault {
    BROKER("kafka"),
    INGEST("ingest"),
    INDEX("index"),
    ESTIMATION("estimation"),
    REPORT("report"),
    POSTGRES("postgres");

    private final String component;

    Fault(String component) {
        this.component = component;
    }

    /** The name the local scripts give the component: its PID file is {@code services/<component>.pid}. */
    public String component() {
        return component;
    }

    public boolean isService() {
        return this != BROKER && this != POSTGRES;
    }

    /** The name used on the command line and in the drill's JSON line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Fault parse(String label) {
        for (Fault f : values()) {
            if (f.label().equals(label.strip().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + label + "' (broker, ingest, index, estimation, report, postgres)");
    }
}
