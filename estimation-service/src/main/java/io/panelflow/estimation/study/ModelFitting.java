package io.panelflow.estimation.study;

import io.panelflow.estimation.engine.DemeanedSample;
import io.panelflow.estimation.engine.Design;
import io.panelflow.estimation.engine.Estimate;
import io.panelflow.estimation.engine.FixedEffectsRegression;
import io.panelflow.estimation.formula.ModelFrame;
import io.panelflow.estimation.formula.ModelFrameBuilder;
import io.panelflow.frame.formula.Formula;

import java.util.ArrayList;
import java.util.List;

/** Builds model frames and fits them with the engine; stepwise columns share the full model's sample and fixed effects. */
final class ModelFitting {
    private ModelFitting() {
    }

    static FittedModel fit(ModelFrameBuilder builder, ModelContext model, boolean[] sample) {
        ModelFrame frame = builder.build(model.formula(), model.vcov(), sample, model.weights());
        Estimate e = FixedEffectsRegression.fit(frame.design(), frame.vcov(), model.options());
        return new FittedModel(frame, e);
    }

    /**
     * Column j (1-based) holds the first j regressor terms of the formula, on the full model's sample (rows
     * complete in every term), sharing the arrays and the demeaned sample so each column is demeaned once.
     */
    static List<FittedModel> stepwise(ModelFrameBuilder builder, ModelContext model) {
        ModelFrame full = builder.build(model.formula(), model.vcov(), null, model.weights());
        Design d = full.design();
        DemeanedSample sample = DemeanedSample.of(d, model.options());
        Formula formula = model.formula();
        int terms = formula.regressors().size();
        List<FittedModel> out = new ArrayList<>();
        for (int j = 1; j <= terms; j++) {
            List<Integer> cols = new ArrayList<>();
            for (int c = 0; c < full.columnTerms().length; c++) {
                if (full.columnTerms()[c] < j) {
                    cols.add(c);
                }
            }
            double[][] x = new double[cols.size()][];
            String[] names = new String[cols.size()];
            int[] columnTerms = new int[cols.size()];
            for (int c = 0; c < cols.size(); c++) {
                x[c] = d.x()[cols.get(c)];
                names[c] = d.xNames()[cols.get(c)];
                columnTerms[c] = full.columnTerms()[cols.get(c)];
            }
            Design dj = new Design(d.y(), d.yName(), x, names, d.fixedEffects(), d.fixedEffectNames(), d.weights(),
                    d.endogenous(), d.endogenousNames(), d.instruments(), d.instrumentNames());
            Formula fj = formula.withRegressors(formula.regressors().subList(0, j));
            ModelFrame frame = new ModelFrame(fj, dj, full.vcov(), full.rows(), full.candidateRows(), full.droppedMissing(),
                    full.fixedEffectLevels(), full.clusterLevels(), columnTerms, full.notes());
            out.add(new FittedModel(frame, FixedEffectsRegression.fit(dj, full.vcov(), model.options(), sample)));
        }
        return out;
    }
}
