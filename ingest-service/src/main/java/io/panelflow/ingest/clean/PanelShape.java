package io.panelflow.ingest.clean;

import io.panelflow.frame.PanelFrame;

import java.util.HashSet;
import java.util.Set;

/**
 * The shape of a panel: its distinct units and periods, first and last period, and whether every
 * unit has a row in every period. {@code gaps} = units × periods − rows, the unit-years absent
 * (rows are unique by unit and time after validation).
 */
public record PanelShape(int rows, int units, int periods, int firstPeriod, int lastPeriod, int gaps) {

    public boolean balanced() {
        return gaps == 0;
    }

    public static PanelShape of(PanelFrame frame) {
        Set<String> units = new HashSet<>();
        for (String u : frame.unitKeys()) {
            units.add(u);
        }
        Set<Integer> periods = new HashSet<>();
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (int t : frame.times()) {
            periods.add(t);
            first = Math.min(first, t);
            last = Math.max(last, t);
        }
        int gaps = units.size() * periods.size() - frame.rows();
        return new PanelShape(frame.rows(), units.size(), periods.size(), first, last, gaps);
    }
}
