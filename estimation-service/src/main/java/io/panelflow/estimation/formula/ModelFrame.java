package io.panelflow.estimation.formula;

import io.panelflow.estimation.engine.Design;
import io.panelflow.estimation.engine.VcovRequest;
import io.panelflow.frame.formula.Formula;

import java.util.List;

/**
 * A formula evaluated on a panel: the complete-case engine {@link Design}, the {@link VcovRequest}, and
 * what is needed to map results back to the panel.
 *
 * @param formula           the formula evaluated
 * @param design            complete-case design (no NaN); x columns named by the formula's term text
 * @param vcov              the variance request, with cluster codes of the design's rows
 * @param rows              for each design row, its row index in the panel
 * @param candidateRows     rows considered (the sample before dropping missing values)
 * @param droppedMissing    rows of the sample left out because a used value was missing or non-finite (fixest's "NA" count)
 * @param fixedEffectLevels for each fixed-effect dimension, the panel key of each dense code (interactions joined by "^")
 * @param clusterLevels     for each cluster dimension, the number of clusters in the design
 * @param columnTerms       for each x column of the design, the index of the formula regressor it comes from
 *                          ({@code i()} dummies give several columns per term)
 * @param notes             plain-language notes (dummies without observations, references not found)
 */
public record ModelFrame(Formula formula, Design design, VcovRequest vcov, int[] rows, int candidateRows,
                         int droppedMissing, List<String[]> fixedEffectLevels, int[] clusterLevels, int[] columnTerms,
                         List<String> notes) {

    public ModelFrame {
        fixedEffectLevels = List.copyOf(fixedEffectLevels);
        notes = List.copyOf(notes);
    }

    public int observations() {
        return rows.length;
    }
}
