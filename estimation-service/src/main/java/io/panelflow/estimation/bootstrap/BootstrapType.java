package io.panelflow.estimation.bootstrap;

/**
 * Which residuals the wild cluster bootstrap perturbs (Cameron, Gelbach and Miller 2008;
 * MacKinnon and Webb 2017).
 * <ul>
 *   <li>{@link #RESTRICTED} (WCR): residuals and fitted values of the model re-estimated with the null
 *       {@code b_j = r} imposed; {@code t*_b = (b*_j − r)/se*_j}.</li>
 *   <li>{@link #UNRESTRICTED} (WCU): residuals and fitted values of the unrestricted model;
 *       {@code t*_b = (b*_j − b̂_j)/se*_j}.</li>
 * </ul>
 */
public enum BootstrapType {
    RESTRICTED, UNRESTRICTED;

    /** The usual short label: WCR or WCU. */
    public String label() {
        return this == RESTRICTED ? "WCR" : "WCU";
    }
}
