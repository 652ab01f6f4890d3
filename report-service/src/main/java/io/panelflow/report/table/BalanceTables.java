package io.panelflow.report.table;

import io.panelflow.model.result.BalanceResult;
import io.panelflow.model.result.GroupValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A balance (inequality) index: groups as rows, periods as columns. */
public final class BalanceTables {

    private final Labels labels;
    private final NumberFormatter numbers;

    public BalanceTables(Labels labels, TableOptions options) {
        this.labels = labels == null ? Labels.none() : labels;
        this.numbers = (options == null ? TableOptions.DEFAULT : options).numbers();
    }

    public Table balance(BalanceResult balance) {
        Set<String> groups = new LinkedHashSet<>();
        Set<String> times = new TreeSet<>();
        Map<String, Double> byKey = new LinkedHashMap<>();
        for (GroupValue v : balance.values()) {
            groups.add(v.group());
            times.add(v.time());
            byKey.put(v.group() + "\u0000" + v.time(), v.value());
        }
        if (groups.isEmpty()) {
            return null;
        }
        List<Cell> header = new ArrayList<>();
        header.add(Cell.text(balance.by() == null ? labels.text().get("balance.group") : Labels.capitalized(labels.variable(balance.by()))));
        times.forEach(t -> header.add(Cell.text(t)));
        List<Row> rows = new ArrayList<>();
        for (String group : groups) {
            rows.add(Row.of(RowKind.DATA, "all".equals(group) ? labels.text().get("balance.all") : group,
                    times.stream().map(t -> numbers.cell(byKey.get(group + "\u0000" + t))).toList()));
        }
        return new Table("balance-" + balance.name(),
                labels.text().get("balance.title", Labels.qualified(labels.variable(balance.name()), balance.method())),
                List.of(header), List.of(TableSection.untitled(rows)),
                List.of(labels.text().get("balance.notes", balance.method()
                        + (balance.by() == null ? "" : labels.text().get("balance.within",
                        labels.text().isChinese() ? labels.variable(balance.by()) : balance.by())))));
    }
}
