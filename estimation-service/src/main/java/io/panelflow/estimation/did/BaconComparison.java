package io.panelflow.estimation.did;

/**
 * One 2×2 difference-in-differences of the Goodman-Bacon decomposition.
 *
 * @param type     {@code earlier-vs-later} (earlier cohort treated, later cohort not yet treated as control),
 *                 {@code later-vs-earlier} (later cohort treated, already-treated earlier cohort as control) or
 *                 {@code treated-vs-never} (a cohort against the never-treated units)
 * @param treated  the cohort whose treatment switches on in the comparison
 * @param control  the comparison cohort (0 = never treated)
 * @param estimate the 2×2 DiD of means over the comparison's window
 * @param weight   its weight in the two-way fixed-effects estimate
 */
public record BaconComparison(String type, int treated, int control, double estimate, double weight) {
    public static final String EARLIER_VS_LATER = "earlier-vs-later";
    public static final String LATER_VS_EARLIER = "later-vs-earlier";
    public static final String TREATED_VS_NEVER = "treated-vs-never";
}
