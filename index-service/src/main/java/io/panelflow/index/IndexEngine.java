package io.panelflow.index;

import io.panelflow.frame.PanelFrame;
import io.panelflow.index.composite.CompositeIndex;
import io.panelflow.index.composite.CompositeIndexCalculator;
import io.panelflow.index.composite.CompositeMethod;
import io.panelflow.model.result.BalanceResult;
import io.panelflow.model.result.IndexResult;
import io.panelflow.model.spec.IndexSpec;
import io.panelflow.model.spec.StudySpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The index engine: every composite and balance index of a study spec on one panel.
 */
public final class IndexEngine {

    private IndexEngine() {
    }

    public static IndexOutcome compute(PanelFrame panel, StudySpec spec, MeasureEvaluator measures) {
        PanelFrame frame = panel;
        List<IndexResult> indices = new ArrayList<>();
        for (IndexSpec index : spec.indices()) {
            if (CompositeMethod.isComposite(index.method())) {
                CompositeIndex c = CompositeIndexCalculator.compute(frame, index, measures);
                for (var col : c.columns().entrySet()) {
                    frame = frame.withNumeric(col.getKey(), col.getValue());
                }
                indices.add(c.result());
            } else {
                throw new IndexException("index " + index.name() + ": unknown method '" + index.method() + "'");
            }
        }
        List<BalanceResult> balance = new ArrayList<>();
        return new IndexOutcome(frame, null, indices, balance);
    }
}
