package io.panelflow.estimation.did;

import io.panelflow.estimation.engine.Estimate;
import io.panelflow.estimation.engine.EstimationOptions;
import io.panelflow.estimation.engine.FixedEffectsRegression;
import io.panelflow.estimation.engine.FixefK;
import io.panelflow.estimation.formula.ModelFrame;
import io.panelflow.estimation.formula.ModelFrameBuilder;
import io.panelflow.frame.PanelFrame;
import io.panelflow.frame.formula.Formula;
import io.panelflow.model.spec.VcovSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sun–Abraham with a time-varying covariate (E1 has none): the cells against an independent regression through
 * the formula layer with one hand-made dummy column per cohort × relative period (≠ −1) plus the covariate,
 * clustered by unit, fixest's default small-sample factor.
 */
class SunAbrahamCovariatesTest {

    @Test
    void cellsEqualTheHandBuiltInteractedRegression() {
        PanelFrame f = SimulatedStaggered.panel(150, 9, 0.5, 0.0, 0.3, 21);
        StaggeredPanel p = StaggeredPanel.of(f, "y", "adopt", List.of("z"));
        SunAbrahamResult r = SunAbraham.estimate(p, FixefK.NESTED);

        double[] year = f.numeric("year");
        double[] adopt = f.numeric("adopt");
        PanelFrame g = f;
        StringBuilder formula = new StringBuilder("y ~ ");
        for (CohortPeriodEstimate c : r.cohortPeriod()) {
            double[] d = new double[f.rows()];
            for (int i = 0; i < d.length; i++) {
                d[i] = adopt[i] == c.cohort() && year[i] - adopt[i] == c.eventTime() ? 1 : 0;
            }
            String name = "d_" + c.cohort() + "_" + (c.eventTime() < 0 ? "m" + -c.eventTime() : "p" + c.eventTime());
            g = g.withNumeric(name, d);
            formula.append(name).append(" + ");
        }
        formula.append("z | unit + year");
        ModelFrame mf = new ModelFrameBuilder(g).build(Formula.parse(formula.toString()),
                new VcovSpec("cluster", List.of("unit"), null, "nested"));
        Estimate e = FixedEffectsRegression.fit(mf.design(), mf.vcov(), EstimationOptions.DEFAULT);
        for (CohortPeriodEstimate c : r.cohortPeriod()) {
            String name = "d_" + c.cohort() + "_" + (c.eventTime() < 0 ? "m" + -c.eventTime() : "p" + c.eventTime());
            int j = e.indexOf(name);
            assertTrue(j >= 0, name);
            assertEquals(e.coefficients()[j], c.estimate(), 1e-10, name);
            assertEquals(e.stdErrors()[j], c.stdError(), 1e-10 * e.stdErrors()[j], name + " se");
        }
        int jz = r.estimate().indexOf("z");
        assertEquals(e.coefficients()[e.indexOf("z")], r.estimate().coefficients()[jz], 1e-10, "covariate");
        assertEquals(0.2, r.estimate().coefficients()[jz], 0.05, "z's true coefficient 0.2");
        assertEquals(0.5, r.att().estimate(), 3 * r.att().stdError(), "ATT");
    }
}
