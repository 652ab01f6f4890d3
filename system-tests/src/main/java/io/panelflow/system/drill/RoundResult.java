package io.panelflow.system.drill;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one drill round.
 *
 * @param fault            what was broken
 * @param submitted        uploads sent
 * @param throttled        429 answers (the ingest's admission limit) after which an upload was sent again, as a
 *                         client does after {@code Retry-After}; not refusals
 * @param accepted         uploads answered 202 with a run id
 * @param refused          the other uploads by status code ("no-answer" when none came)
 * @param refusedProblems  refusals that were problem bodies ({@code application/problem+json} with a title)
 * @param refusalSamples   what refusals said, one sample per distinct text, with their counts
 * @param unacknowledged   runs the ingest stored during the round whose upload got no 202 (the answer was lost
 *                         with a killed process): they run, but their submitter does not know their id
 * @param completed        accepted runs that ended COMPLETED
 * @param failed           accepted runs that ended FAILED
 * @param stuck            accepted runs neither COMPLETED nor FAILED when the drill stopped waiting
 * @param doubled          accepted runs with more than one stored result or more than one reports-ready record
 * @param failureReasons   the failed runs' reasons with their counts
 * @param downSeconds      how long the component was down
 * @param restartSeconds   how long the project's script took to bring it back (healthy)
 * @param recoverySeconds  from bringing it back until the last accepted run ended (null when runs were stuck)
 */
public record RoundResult(Fault fault, int submitted, int throttled, int accepted, Map<String, Integer> refused, int refusedProblems,
                          Map<String, Integer> refusalSamples, int unacknowledged, int completed, int failed, int stuck, int doubled,
                          Map<String, Integer> failureReasons, double downSeconds, double restartSeconds,
                          Double recoverySeconds) {

    public RoundResult {
        refused = new TreeMap<>(refused);
        refusalSamples = new TreeMap<>(refusalSamples);
        failureReasons = new TreeMap<>(failureReasons);
    }

    public int refusedTotal() {
        return refused.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** What the bar finds wrong with this round; empty when it passes. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        String f = fault.label();
        if (accepted == 0) {
            p.add(f + ": no upload was accepted");
        }
        if (completed != accepted) {
            p.add(f + ": " + completed + " of " + accepted + " accepted runs COMPLETED");
        }
        if (failed > 0) {
            p.add(f + ": " + failed + " runs FAILED " + failureReasons);
        }
        if (stuck > 0) {
            p.add(f + ": " + stuck + " runs stuck");
        }
        if (doubled > 0) {
            p.add(f + ": " + doubled + " runs doubled");
        }
        if (fault == Fault.BROKER && refusedTotal() > 0) {
            p.add(f + ": with the broker down " + refusedTotal() + " uploads were refused " + refused + " " + refusalSamples);
        }
        if (fault == Fault.POSTGRES) {
            int not503 = refusedTotal() - refused.getOrDefault("503", 0);
            if (not503 > 0 || refusedProblems < refusedTotal()) {
                p.add(f + ": with PostgreSQL down refusals were " + refused + ", " + refusedProblems
                        + " of them problem bodies " + refusalSamples);
            }
        }
        return p;
    }

    /** This round as one line of JSON, as in the drill's output. */
    public String toJsonLine() {
        return toJson().toString();
    }

    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("fault", fault.label());
        o.put("submitted", submitted);
        o.put("throttled", throttled);
        o.put("accepted", accepted);
        ObjectNode r = o.putObject("refused");
        refused.forEach(r::put);
        o.put("refused_problem_bodies", refusedProblems);
        o.put("unacknowledged", unacknowledged);
        o.put("completed", completed);
        o.put("failed", failed);
        o.put("stuck", stuck);
        o.put("doubled", doubled);
        o.put("down_seconds", round1(downSeconds));
        o.put("restart_seconds", round1(restartSeconds));
        if (recoverySeconds == null) {
            o.putNull("recovery_seconds");
        } else {
            o.put("recovery_seconds", round1(recoverySeconds));
        }
        if (!failureReasons.isEmpty()) {
            ObjectNode fr = o.putObject("failure_reasons");
            failureReasons.forEach(fr::put);
        }
        if (!refusalSamples.isEmpty()) {
            ObjectNode rs = o.putObject("refusal_samples");
            refusalSamples.forEach(rs::put);
        }
        return o;
    }

    static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
