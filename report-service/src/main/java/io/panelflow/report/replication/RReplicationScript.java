package io.panelflow.report.replication;

import io.panelflow.frame.formula.Formula;
import io.panelflow.model.result.VcovInfo;
import io.panelflow.model.spec.DidSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code replicate.R}: re-estimates every fixed-effects model of a run with fixest ({@code feols}, {@code sunab})
 * and Callaway–Sant'Anna with {@code did::att_gt}, on the bundle's estimation panel, and writes
 * {@code replicate-results.csv} ({@code model,term,estimate,std_error}, model = panelflow's result id, term as
 * in results.json, numbers with 17 significant digits).
 *
 * <p>panelflow follows fixest's conventions, so fixest's defaults reproduce its standard errors: clustered
 * {@code G/(G−1)·(N−1)/(N−K)} with fixed effects nested in the cluster left out of K (fixest's
 * {@code ssc(fixef.K = "nested")}), HC1 and iid counting every fixed effect, singletons kept; a spec's
 * {@code fixef-k: full|none} becomes {@code ssc(fixef.K = ...)}, {@code singletons: drop} fixest's
 * {@code fixef.rm = "singleton"}. Callaway–Sant'Anna: {@code est_method = "dr"}, varying base period, analytic
 * (not bootstrapped) standard errors, simple and dynamic aggregation, as panelflow.
 */
public final class RReplicationScript {
    private RReplicationScript() {
    }

    public static String write(String runId, ReplicationPlan plan, String panelFile) {
        RTranslation tr = new RTranslation();
        List<String> blocks = new ArrayList<>();
        for (ReplicatedModel m : plan.models()) {
            blocks.add(block(m, plan, tr));
        }
        List<String> l = new ArrayList<>();
        l.add("# Replication of panelflow run " + runId + " with R: fixest for the fixed-effects models, did for");
        l.add("# Callaway-Sant'Anna. Run it in the bundle's folder:   Rscript replicate.R");
        l.add("# It writes replicate-results.csv (model,term,estimate,std_error): model = panelflow's result id,");
        l.add("# term as in results.json, so the two can be compared number by number.");
        l.add("# Needs: install.packages(c(\"fixest\", \"did\"))  (did only where Callaway-Sant'Anna is used)");
        l.add("# Conventions: fixest's defaults are panelflow's (clustered G/(G-1)*(N-1)/(N-K), fixed effects nested in");
        l.add("# the cluster not counted in K, t(G-1) tests; HC1 and iid count every fixed effect; singletons kept).");
        if (!plan.skipped().isEmpty()) {
            l.add("# Not replicated here:");
            for (ReplicationPlan.Skipped s : plan.skipped()) {
                l.add("#   " + s.id() + ": " + s.reason());
            }
        }
        l.add("");
        l.add("suppressPackageStartupMessages(library(fixest))");
        l.add("setFixest_notes(FALSE)");
        l.add("d <- read.csv(" + rString(panelFile) + ", check.names = FALSE, stringsAsFactors = FALSE,");
        l.add("              na.strings = \"\", encoding = \"UTF-8\")");
        l.add("pf_unit <- " + rString(plan.unit()) + "; pf_time <- " + rString(plan.time()));
        l.add("");
        l.add("# panelflow's panel operators, by exact (unit, time - k) lookup on the whole panel");
        l.add("pf_key <- function(t) paste(d[[pf_unit]], t, sep = \"\\r\")");
        l.add("pf_shift <- function(v, k) { v <- ifelse(is.finite(v), v, NA); v[match(pf_key(d[[pf_time]] - k), pf_key(d[[pf_time]]))] }");
        l.add("pf_lag <- function(v, k = 1) pf_shift(v, k)");
        l.add("pf_lead <- function(v, k = 1) pf_shift(v, -k)");
        l.add("pf_diff <- function(v, k = 1) ifelse(is.finite(v), v, NA) - pf_shift(v, k)");
        l.add("pf_bartik <- function(v) {   # x(i, t-1) * (mean of x in t - mean in t-1), means over units with a value");
        l.add("  ok <- is.finite(v); m <- tapply(v[ok], d[[pf_time]][ok], mean)");
        l.add("  r <- pf_lag(v, 1) * (m[as.character(d[[pf_time]])] - m[as.character(d[[pf_time]] - 1)])");
        l.add("  unname(ifelse(is.finite(r), r, NA)) }");
        l.add("pf_treated <- function(a) as.numeric(is.finite(a))");
        l.add("pf_post <- function(a) ifelse(is.finite(d[[pf_time]]), as.numeric(is.finite(a) & d[[pf_time]] >= a), NA)");
        l.add("pf_did <- pf_post");
        l.add("pf_event_time <- function(a) ifelse(is.finite(a) & is.finite(d[[pf_time]]), d[[pf_time]] - a, NA)");
        l.add("pf_eval <- function(expr) eval(parse(text = expr), d)");
        l.add("# staggered DID columns: cohort (0 = never treated: missing, <= 0 or after the last period), treat_post,");
        l.add("# rel_time (time - cohort; -1000 for the never treated), a numeric unit id");
        l.add("pf_did_data <- function(adoption) {");
        l.add("  a <- d[[adoption]]; last <- max(d[[pf_time]], na.rm = TRUE)");
        l.add("  cohort <- ifelse(is.finite(a) & a > 0 & a <= last, a, 0)");
        l.add("  out <- d; out$pf_cohort <- cohort");
        l.add("  out$treat_post <- as.numeric(cohort > 0 & d[[pf_time]] >= cohort)");
        l.add("  out$rel_time <- ifelse(cohort > 0, d[[pf_time]] - cohort, -1000)");
        l.add("  out$pf_id <- as.integer(factor(d[[pf_unit]]))");
        l.add("  out }");
        l.add("");
        l.add("pf_results <- list()");
        l.add("pf_record <- function(model, est, se, rename = character()) {");
        l.add("  term <- names(est); hit <- term %in% names(rename); term[hit] <- rename[term[hit]]");
        l.add("  pf_results[[length(pf_results) + 1]] <<- data.frame(model = model, term = term,");
        l.add("    estimate = unname(est), std_error = unname(se), stringsAsFactors = FALSE) }");
        l.add("pf_fit <- function(model, ..., rename = character()) {");
        l.add("  m <- feols(...); ct <- coeftable(m); pf_record(model, ct[, 1], ct[, 2], rename); invisible(m) }");
        l.add("pf_try <- function(model, code) tryCatch(code, error = function(e)");
        l.add("  message(\"panelflow model \", model, \" could not be re-estimated: \", conditionMessage(e)))");
        l.add("");
        if (!tr.definitions().isEmpty()) {
            l.add("# columns for panelflow's panel operators, computed on the whole panel");
            l.addAll(tr.definitions());
            l.add("");
        }
        l.addAll(blocks);
        l.add("");
        l.add("pf_all <- do.call(rbind, pf_results)");
        l.add("pf_all$estimate <- sprintf(\"%.17g\", pf_all$estimate)");
        l.add("pf_all$std_error <- sprintf(\"%.17g\", pf_all$std_error)");
        l.add("write.csv(pf_all, \"replicate-results.csv\", row.names = FALSE, quote = c(1, 2), fileEncoding = \"UTF-8\")");
        l.add("cat(\"replicate-results.csv:\", nrow(pf_all), \"coefficients of\", length(unique(pf_all$model)), \"models\\n\")");
        return String.join("\n", l) + "\n";
    }

    private static String block(ReplicatedModel m, ReplicationPlan plan, RTranslation tr) {
        List<String> l = new ArrayList<>();
        l.add("# " + m.id() + (m.formula() == null ? "" : ": " + m.formula()) + " [" + describe(m.vcov()) + "]");
        String id = rString(m.id());
        switch (m.kind()) {
            case FIXED_EFFECTS -> {
                String formula = tr.formula(Formula.parse(m.formula()));
                Map<String, String> renames = tr.renames();
                String subset = subset(m.sample(), m, tr);
                List<String> pre = new ArrayList<>();
                if (m.sample() instanceof SampleRule.SameRowsAs same) {
                    String full = tr.formula(Formula.parse(same.formula()));
                    pre.add("  pf_rows <- obs(feols(" + full + ", data = d" + options(m, plan) + "))");
                    subset = ", subset = pf_rows";
                }
                l.add("pf_try(" + id + ", {");
                l.addAll(pre);
                l.add("  pf_fit(" + id + ", " + formula + ", data = d" + subset + options(m, plan) + renameArg(renames) + ")");
                l.add("})");
            }
            case DID_REGRESSION -> {
                String formula = tr.formula(Formula.parse(m.formula()));
                l.add("pf_try(" + id + ", pf_fit(" + id + ", " + formula + ", data = pf_did_data(" + rString(m.did().adoption())
                        + ")" + options(m, plan) + renameArg(tr.renames()) + "))");
            }
            case SUN_ABRAHAM -> {
                DidSpec did = m.did();
                String controls = did.controls().stream().map(c -> " + " + tr.expression(io.panelflow.frame.expr.Expression.parse(c)))
                        .collect(Collectors.joining());
                l.add("pf_try(" + id + ", {");
                l.add("  m <- feols(" + did.outcome() + " ~ sunab(pf_cohort, " + plan.time() + ")" + controls + " | "
                        + plan.unit() + " + " + plan.time() + ", data = pf_did_data(" + rString(did.adoption()) + ")"
                        + options(m, plan) + ")");
                l.add("  att <- coeftable(summary(m, agg = \"ATT\")); att <- att[rownames(att) == \"ATT\", , drop = FALSE]");
                l.add("  pf_record(" + id + ", att[, 1], att[, 2])");
                l.add("  ct <- coeftable(m); rownames(ct) <- sub(\"^" + plan.time() + "::\", \"rel_time::\", rownames(ct))");
                l.add("  pf_record(" + id + ", ct[, 1], ct[, 2])");
                l.add("})");
            }
            case CALLAWAY_SANTANNA -> {
                DidSpec did = m.did();
                String x = did.controls().isEmpty() ? "~1" : "~ " + String.join(" + ", did.controls());
                String control = "not-yet-treated".equals(did.controlGroup()) ? "notyettreated" : "nevertreated";
                l.add("if (requireNamespace(\"did\", quietly = TRUE)) pf_try(" + id + ", {");
                l.add("  cs <- did::att_gt(yname = " + rString(did.outcome()) + ", tname = " + rString(plan.time())
                        + ", idname = \"pf_id\", gname = \"pf_cohort\",");
                l.add("                    data = pf_did_data(" + rString(did.adoption()) + "), xformla = " + x
                        + ", control_group = " + rString(control) + ",");
                l.add("                    base_period = \"varying\", anticipation = 0, est_method = \"dr\", bstrap = FALSE, cband = FALSE)");
                l.add("  s <- did::aggte(cs, type = \"simple\", bstrap = FALSE, cband = FALSE)");
                l.add("  pf_record(" + id + ", c(ATT = s$overall.att), c(ATT = s$overall.se))");
                l.add("  e <- did::aggte(cs, type = \"dynamic\", bstrap = FALSE, cband = FALSE)");
                l.add("  pf_record(" + id + ", setNames(e$att.egt, paste0(\"rel_time::\", e$egt)), e$se.egt)");
                l.add("}) else message(\"the R package did is not installed: " + m.id() + " skipped\")");
            }
        }
        return String.join("\n", l);
    }

    /** vcov, small-sample and singleton options of feols, each as ", name = value". */
    static String options(ReplicatedModel m, ReplicationPlan plan) {
        StringBuilder b = new StringBuilder(", vcov = ").append(vcov(m.vcov(), plan));
        if ("driscoll-kraay".equals(m.vcov().type())) {
            b.append(", panel.id = ~").append(plan.unit()).append(" + ").append(plan.time());
        }
        if (m.fixefK() != null && !m.fixefK().equals("nested")) {
            b.append(", ssc = ssc(fixef.K = ").append(rString(m.fixefK())).append(")");
        }
        if (m.weights() != null && !m.weights().isBlank()) {
            b.append(", weights = ~").append(m.weights());
        }
        if (m.dropSingletons()) {
            b.append(", fixef.rm = \"singleton\"");
        }
        return b.toString();
    }

    static String vcov(VcovInfo v, ReplicationPlan plan) {
        return switch (v.type()) {
            case "iid" -> "\"iid\"";
            case "hetero" -> "\"hetero\"";
            case "cluster" -> "~" + String.join(" + ", v.by());
            case "driscoll-kraay" -> "DK(" + (v.lag() == null ? "" : v.lag()) + ") ~ " + plan.time();
            default -> throw new IllegalArgumentException("unknown vcov " + v.type());
        };
    }

    private static String describe(VcovInfo v) {
        return switch (v.type()) {
            case "cluster" -> "clustered by " + String.join(" and ", v.by());
            case "driscoll-kraay" -> "Driscoll-Kraay, lag " + v.lag();
            default -> v.type();
        };
    }

    private static String subset(SampleRule s, ReplicatedModel m, RTranslation tr) {
        if (s instanceof SampleRule.Excluding ex) {
            List<String> conditions = new ArrayList<>();
            ex.values().forEach((column, values) -> conditions.add("!(as.character(d[[" + rString(column) + "]]) %in% c("
                    + values.stream().map(RReplicationScript::rString).collect(Collectors.joining(", ")) + "))"));
            return ", subset = " + String.join(" & ", conditions);
        }
        if (s instanceof SampleRule.ValueGroup g) {
            String v = g.value();
            try {
                Double.parseDouble(v);
                return ", subset = which(pf_eval(" + rString(g.by()) + ") == " + v + ")";
            } catch (NumberFormatException e) {
                return ", subset = which(as.character(d[[" + rString(g.by()) + "]]) == " + rString(v) + ")";
            }
        }
        if (s instanceof SampleRule.Interval i) {
            List<String> c = new ArrayList<>();
            if (i.lower() != null) {
                c.add("pf_eval(" + rString(i.by()) + ") > " + number(i.lower()));
            }
            if (i.upper() != null) {
                c.add("pf_eval(" + rString(i.by()) + ") <= " + number(i.upper()));
            }
            return ", subset = which(" + (c.isEmpty() ? "TRUE" : String.join(" & ", c)) + ")";
        }
        return "";
    }

    private static String renameArg(Map<String, String> renames) {
        if (renames.isEmpty()) {
            return "";
        }
        return ",\n         rename = c(" + renames.entrySet().stream().map(e -> rString(e.getKey()) + " = " + rString(e.getValue()))
                .collect(Collectors.joining(", ")) + ")";
    }

    /** A double as R reads it back exactly. */
    static String number(double v) {
        return Double.toString(v).replace("E", "e");
    }

    static String rString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + "\"";
    }
}
