package io.panelflow.system.drill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Every round of a drill and their totals, as the one JSON line the command prints. */
public record DrillReport(int runsPerFault, int replicas, List<RoundResult> rounds, double seconds) {

    public DrillReport {
        rounds = List.copyOf(rounds);
    }

    /** What the bar finds wrong over all rounds; empty when the drill passes. */
    public List<String> problems() {
        return rounds.stream().flatMap(r -> r.problems().stream()).toList();
    }

    public boolean passed() {
        return problems().isEmpty();
    }

    public String toJsonLine() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        o.put("drill", "faults");
        o.put("runs_per_fault", runsPerFault);
        o.put("replicas", replicas);
        o.put("passed", passed());
        ArrayNode faults = o.putArray("faults");
        rounds.forEach(r -> faults.add(r.toJson()));
        ObjectNode total = o.putObject("total");
        total.put("submitted", rounds.stream().mapToInt(RoundResult::submitted).sum());
        total.put("throttled", rounds.stream().mapToInt(RoundResult::throttled).sum());
        total.put("accepted", rounds.stream().mapToInt(RoundResult::accepted).sum());
        Map<String, Integer> refused = new TreeMap<>();
        rounds.forEach(r -> r.refused().forEach((k, v) -> refused.merge(k, v, Integer::sum)));
        ObjectNode ref = total.putObject("refused");
        refused.forEach(ref::put);
        total.put("unacknowledged", rounds.stream().mapToInt(RoundResult::unacknowledged).sum());
        total.put("completed", rounds.stream().mapToInt(RoundResult::completed).sum());
        total.put("failed", rounds.stream().mapToInt(RoundResult::failed).sum());
        total.put("stuck", rounds.stream().mapToInt(RoundResult::stuck).sum());
        total.put("doubled", rounds.stream().mapToInt(RoundResult::doubled).sum());
        boolean anyStuck = rounds.stream().anyMatch(r -> r.recoverySeconds() == null);
        if (anyStuck) {
            total.putNull("recovery_seconds_max");
        } else {
            total.put("recovery_seconds_max", RoundResult.round1(rounds.stream().map(RoundResult::recoverySeconds)
                    .filter(Objects::nonNull).mapToDouble(Double::doubleValue).max().orElse(0)));
        }
        total.put("seconds", RoundResult.round1(seconds));
        try {
            return mapper.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
