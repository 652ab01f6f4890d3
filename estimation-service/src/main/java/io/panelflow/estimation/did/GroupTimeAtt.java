package io.panelflow.estimation.did;

/**
 * One Callaway–Sant'Anna group-time average treatment effect ATT(g, t).
 *
 * @param group      cohort g (first treated period)
 * @param time       period t
 * @param basePeriod the period b the change is taken from
 * @param post       whether t ≥ g (a treatment effect; otherwise a pre-period placebo)
 * @param att        ATT(g, t)
 * @param stdError   analytic influence-function standard error sqrt(Σ ψ_i²)/n
 * @param statistic  att / stdError
 * @param pValue     two-sided normal p-value
 * @param confLow    att − Φ⁻¹(0.975)·stdError (pointwise)
 * @param confHigh   att + Φ⁻¹(0.975)·stdError
 * @param controlUnits number of comparison units of the cell
 */
public record GroupTimeAtt(int group, int time, int basePeriod, boolean post, double att, double stdError,
                           double statistic, double pValue, double confLow, double confHigh, int controlUnits) {

    /** Event time e = t − g. */
    public int eventTime() {
        return time - group;
    }
}
