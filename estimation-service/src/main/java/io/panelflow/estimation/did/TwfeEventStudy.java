package io.panelflow.estimation.did;

import io.panelflow.estimation.engine.Estimate;
import io.panelflow.estimation.engine.EstimationOptions;
import io.panelflow.estimation.engine.FixedEffectsRegression;
import io.panelflow.estimation.formula.ModelFrame;
import io.panelflow.estimation.formula.ModelFrameBuilder;
import io.panelflow.frame.PanelFrame;
import io.panelflow.frame.formula.Formula;
import io.panelflow.model.spec.VcovSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Two-way fixed-effects difference-in-differences on a staggered-adoption panel, through the formula layer.
 *
 * <p>Derived columns added to the panel (cohort convention of {@link StaggeredPanel}):
 * <ul>
 *   <li>{@value #TREAT_POST} = 1 if the unit's cohort g > 0 and period ≥ g, else 0;</li>
 *   <li>{@value #REL_TIME} = period − g for treated cohorts, {@value #NEVER_TREATED_CODE} for never-treated units.</li>
 * </ul>
 * Static model: {@code y ~ treat_post | unit + time}. Event study:
 * {@code y ~ i(rel_time, ref = c(-1, -1000)) | unit + time}: one dummy per relative period except −1, all
 * dummies 0 for never-treated units (fixest). Rows with a missing outcome, cohort or key are dropped by the
 * formula layer and counted. The variance follows the given {@link VcovSpec} (null = clustered by the panel
 * unit with fixest's small-sample factor G/(G−1)·(N−1)/(N−K), K without fixed effects nested in the cluster;
 * t(G−1)).
 */
public final class TwfeEventStudy {
    public static final String TREAT_POST = "treat_post";
    public static final String REL_TIME = "rel_time";
    public static final int NEVER_TREATED_CODE = -1000;

    private TwfeEventStudy() {
    }

    /** The panel with {@value #TREAT_POST} and {@value #REL_TIME} added (NaN on rows left out of the staggered panel). */
    public static PanelFrame withEventColumns(PanelFrame frame, String outcome, String cohortColumn) {
        StaggeredPanel p = StaggeredPanel.of(frame, outcome, cohortColumn);
        double[] treatPost = new double[frame.rows()];
        double[] relTime = new double[frame.rows()];
        java.util.Arrays.fill(treatPost, Double.NaN);
        java.util.Arrays.fill(relTime, Double.NaN);
        for (int i = 0; i < p.rows(); i++) {
            int r = p.sourceRows()[i];
            treatPost[r] = p.treated(i) ? 1 : 0;
            int rel = p.cohort()[i] > 0 ? p.relativeTime(i) : NEVER_TREATED_CODE;
            if (p.cohort()[i] > 0 && rel == NEVER_TREATED_CODE) {
                throw new DidException("relative period " + NEVER_TREATED_CODE + " collides with the never-treated code");
            }
            relTime[r] = rel;
        }
        return frame.withNumeric(TREAT_POST, treatPost).withNumeric(REL_TIME, relTime);
    }

    /** {@code outcome ~ treat_post | unit + time}. */
    public static Estimate staticTwfe(PanelFrame frame, String outcome, String cohortColumn, VcovSpec vcov) {
        PanelFrame f = withEventColumns(frame, outcome, cohortColumn);
        return fit(f, outcome + " ~ " + TREAT_POST + " | " + f.unitColumn() + " + " + f.timeColumn(), vcov);
    }

    /** {@code outcome ~ i(rel_time, ref = c(-1, -1000)) | unit + time}, coefficients by relative period. */
    public static EventStudy eventStudy(PanelFrame frame, String outcome, String cohortColumn, VcovSpec vcov) {
        PanelFrame f = withEventColumns(frame, outcome, cohortColumn);
        Estimate e = fit(f, outcome + " ~ i(" + REL_TIME + ", ref = c(-1, " + NEVER_TREATED_CODE + ")) | "
                + f.unitColumn() + " + " + f.timeColumn(), vcov);
        List<EventTimeEstimate> out = new ArrayList<>();
        String prefix = REL_TIME + "::";
        for (int j = 0; j < e.terms().length; j++) {
            String term = e.terms()[j];
            if (!term.startsWith(prefix)) {
                continue;
            }
            int rel = (int) Double.parseDouble(term.substring(prefix.length()));
            out.add(new EventTimeEstimate(rel, e.coefficients()[j], e.stdErrors()[j], e.statistics()[j],
                    e.pValues()[j], e.confLow()[j], e.confHigh()[j]));
        }
        out.sort(java.util.Comparator.comparingInt(EventTimeEstimate::eventTime));
        return new EventStudy(e, out);
    }

    private static Estimate fit(PanelFrame f, String formula, VcovSpec vcov) {
        ModelFrame mf = new ModelFrameBuilder(f).build(Formula.parse(formula), vcov);
        return FixedEffectsRegression.fit(mf.design(), mf.vcov(), EstimationOptions.DEFAULT);
    }
}
