package io.panelflow.estimation.did;

import java.util.Arrays;

/**
 * The comparison units of a Callaway–Sant'Anna cell ATT(g, t), as R did's {@code control_group}.
 * <ul>
 *   <li>{@link #NEVER_TREATED} ({@code "nevertreated"}): the units never treated in the sample;</li>
 *   <li>{@link #NOT_YET_TREATED} ({@code "notyettreated"}): the never-treated units plus those of other cohorts
 *       first treated after both periods of the cell, {@code G > max(t, b)} (no anticipation).</li>
 * </ul>
 */
public enum ControlGroup {
    NEVER_TREATED("never-treated"), NOT_YET_TREATED("not-yet-treated");

    private final String specName;

    ControlGroup(String specName) {
        this.specName = specName;
    }

    /** The spelling of the spec: {@code never-treated} or {@code not-yet-treated}. */
    public String specName() {
        return specName;
    }

    /** From the spec's spelling; null means never-treated. */
    public static ControlGroup of(String specName) {
        if (specName == null) {
            return NEVER_TREATED;
        }
        return Arrays.stream(values()).filter(c -> c.specName.equals(specName)).findFirst()
                .orElseThrow(() -> new DidException("unknown control group '" + specName
                        + "' (never-treated or not-yet-treated)"));
    }

    /** Whether a unit of cohort {@code unitCohort} is a comparison unit for cohort g over periods up to {@code lastPeriod}. */
    boolean isControl(int unitCohort, int g, int lastPeriod) {
        return unitCohort == 0 || (this == NOT_YET_TREATED && unitCohort != g && unitCohort > lastPeriod);
    }
}
