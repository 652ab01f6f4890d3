package io.panelflow.frame.expr;

import io.panelflow.frame.PanelFrame;

/** A frame being evaluated, with its (unit, time) row index built once on first use by a panel operator. */
public final class EvaluationContext {
    private final PanelFrame frame;
    private PanelIndex index;

    public EvaluationContext(PanelFrame frame) {
        this.frame = frame;
    }

    public PanelFrame frame() {
        return frame;
    }

    public int rows() {
        return frame.rows();
    }

    public PanelIndex panelIndex() {
        if (index == null) {
            index = PanelIndex.of(frame);
        }
        return index;
    }

    /** The time column's values; throws when the frame has none. */
    public double[] timeValues() {
        String time = frame.timeColumn();
        if (time == null || !frame.has(time) || !frame.isNumeric(time)) {
            throw new ExpressionException("the panel has no numeric time column, needed by panel operators", 0,
                    String.valueOf(time));
        }
        return frame.numeric(time);
    }
}
