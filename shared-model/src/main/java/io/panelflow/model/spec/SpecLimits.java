package io.panelflow.model.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The cost limits of a study: every resampling count, fold count and grid bound, how many entries each
 * section may have, and how many rows, columns and cells an upload may have. Each limit has a
 * configuration key {@code panelflow.limits.<key>} ({@link #KEYS}); the JSON Schema carries the defaults
 * ({@code maximum}, {@code maxItems}, {@code minimum}), and {@link SpecReader} validates against the schema
 * with the configured values patched in, after {@link #check(JsonNode)} has named the first value over a
 * limit: {@code "mechanisms[0].bootstrap is 2000000000; the limit is 100000 (panelflow.limits.bootstrap-draws)"}.
 *
 * @param bootstrapDraws     mediation bootstrap replications ({@code mechanisms[].bootstrap})
 * @param wildBootstrapDraws wild cluster bootstrap draws of a model ({@code models[].wild-bootstrap.draws})
 * @param thresholdBootstrap threshold-test bootstrap replications ({@code threshold[].bootstrap})
 * @param thresholdMinTrim   the smallest trim of the threshold grid ({@code threshold[].trim}); the grid has
 *                           about (1 − 2·trim)·N candidates, each refitted once per bootstrap replication
 * @param dmlFolds           cross-fitting folds ({@code dml[].folds})
 * @param placeboPermutations permutations of a staggered DID's placebo test ({@code did[].placebo.permutations});
 *                           each is one two-way fixed-effects fit
 * @param dmlRepeats         repetitions of the cross-fitting ({@code dml[].repeats}); each refits every learner
 * @param dmlTrees           trees of a forest or rounds of boosting ({@code dml[].trees}), per fit
 * @param models             entries of {@code models}
 * @param robustness         entries of {@code robustness}
 * @param heterogeneity      entries of {@code heterogeneity}
 * @param mechanisms         entries of {@code mechanisms}
 * @param did                entries of {@code did}
 * @param threshold          entries of {@code threshold}
 * @param dml                entries of {@code dml}
 * @param indices            entries of {@code indices}
 * @param indicators         indicators of one index ({@code indices[].indicators})
 * @param balance            entries of {@code balance}
 * @param derive             entries of {@code derive}
 * @param rows               data rows of an upload (the header not counted)
 * @param columns            columns of an upload
 * @param cells              rows × columns of an upload
 */
public record SpecLimits(int bootstrapDraws, int wildBootstrapDraws, int thresholdBootstrap, double thresholdMinTrim,
                         int dmlFolds, int models, int robustness, int heterogeneity, int mechanisms, int did,
                         int threshold, int dml, int indices, int indicators, int balance, int derive,
                         int rows, int columns, long cells, int placeboPermutations,
                         int dmlRepeats, int dmlTrees) {

    /** The prefix of every configuration key. */
    public static final String PREFIX = "panelflow.limits.";

    /** The key suffixes, in the order of the components. */
    public static final List<String> KEYS = List.of("bootstrap-draws", "wild-bootstrap-draws", "threshold-bootstrap",
            "threshold-min-trim", "dml-folds", "models", "robustness", "heterogeneity", "mechanisms", "did",
            "threshold", "dml", "indices", "indicators", "balance", "derive", "rows", "columns", "cells",
            "placebo-permutations", "dml-repeats", "dml-trees");

    public static final SpecLimits DEFAULT = new SpecLimits(100_000, 100_000, 10_000, 0.01,
            50, 100, 100, 50, 50, 20,
            20, 20, 50, 500, 50, 500,
            5_000_000, 1_000, 60_000_000L, 10_000, 100, 5_000);

    public SpecLimits {
        if (thresholdMinTrim <= 0 || thresholdMinTrim >= 0.5) {
            throw new IllegalArgumentException(PREFIX + "threshold-min-trim must lie in (0, 0.5): " + thresholdMinTrim);
        }
        for (Map.Entry<String, Number> e : values(bootstrapDraws, wildBootstrapDraws, thresholdBootstrap,
                thresholdMinTrim, dmlFolds, models, robustness, heterogeneity, mechanisms, did, threshold, dml,
                indices, indicators, balance, derive, rows, columns, cells, placeboPermutations, dmlRepeats,
                dmlTrees).entrySet()) {
            if (e.getValue().doubleValue() < 1 && !e.getKey().equals("threshold-min-trim")) {
                throw new IllegalArgumentException(PREFIX + e.getKey() + " must be at least 1: " + e.getValue());
            }
        }
    }

    /** The limits with each key that {@code property} knows (full key, {@code panelflow.limits.rows}) overridden. */
    public static SpecLimits from(Function<String, Optional<String>> property) {
        Map<String, Number> v = DEFAULT.asMap();
        for (String key : KEYS) {
            Optional<String> text = property.apply(PREFIX + key).map(String::strip).filter(s -> !s.isEmpty());
            if (text.isPresent()) {
                try {
                    v.put(key, key.equals("threshold-min-trim") ? (Number) Double.parseDouble(text.get())
                            : (Number) Long.parseLong(text.get().replace("_", "")));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(PREFIX + key + " is not a number: '" + text.get() + "'");
                }
            }
        }
        return new SpecLimits(i(v, "bootstrap-draws"), i(v, "wild-bootstrap-draws"), i(v, "threshold-bootstrap"),
                v.get("threshold-min-trim").doubleValue(), i(v, "dml-folds"), i(v, "models"), i(v, "robustness"),
                i(v, "heterogeneity"), i(v, "mechanisms"), i(v, "did"), i(v, "threshold"), i(v, "dml"),
                i(v, "indices"), i(v, "indicators"), i(v, "balance"), i(v, "derive"), i(v, "rows"), i(v, "columns"),
                v.get("cells").longValue(), i(v, "placebo-permutations"), i(v, "dml-repeats"), i(v, "dml-trees"));
    }

    /** Every limit by key suffix, in {@link #KEYS} order. */
    public Map<String, Number> asMap() {
        return values(bootstrapDraws, wildBootstrapDraws, thresholdBootstrap, thresholdMinTrim, dmlFolds, models,
                robustness, heterogeneity, mechanisms, did, threshold, dml, indices, indicators, balance, derive,
                rows, columns, cells, placeboPermutations, dmlRepeats, dmlTrees);
    }

    /** The full configuration key of a limit: {@code panelflow.limits.rows}. */
    public static String key(String suffix) {
        return PREFIX + suffix;
    }

    /**
     * Throws a {@link SpecLimitException} for the first value of the spec over a limit, in {@link #RULES}
     * order and document order; values of the wrong type are left to the schema.
     */
    public void check(JsonNode root) {
        Map<String, Number> limits = asMap();
        for (Rule rule : RULES) {
            List<Located> found = new ArrayList<>();
            collect(root, rule.path(), 0, "", found);
            Number limit = limits.get(rule.key());
            for (Located l : found) {
                rule.kind().check(l, limit, rule.key());
            }
        }
    }

    /** A copy of the JSON Schema with these limits in place of the defaults it documents. */
    public JsonNode patch(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        Map<String, Number> limits = asMap();
        for (Rule rule : RULES) {
            JsonNode at = copy.at(rule.schemaPointer());
            if (!(at instanceof ObjectNode o)) {
                throw new IllegalStateException("the schema has no " + rule.schemaPointer());
            }
            Number limit = limits.get(rule.key());
            if (limit instanceof Double d) {
                o.put(rule.kind().keyword(), d);
            } else if (limit.longValue() <= Integer.MAX_VALUE) {
                o.put(rule.kind().keyword(), limit.intValue());
            } else {
                o.put(rule.kind().keyword(), limit.longValue());
            }
        }
        return copy;
    }

    /** How a limit applies to the value at its path. */
    enum Kind {
        MAXIMUM("maximum"), MAX_ITEMS("maxItems"), MINIMUM("minimum");

        private final String keyword;

        Kind(String keyword) {
            this.keyword = keyword;
        }

        String keyword() {
            return keyword;
        }

        void check(Located at, Number limit, String key) {
            JsonNode n = at.node();
            String where = at.path();
            switch (this) {
                case MAXIMUM -> {
                    if (n.isNumber() && n.decimalValue().compareTo(BigDecimal.valueOf(limit.longValue())) > 0) {
                        throw new SpecLimitException("$." + where, where + " is " + n.asText() + "; the limit is "
                                + limit + " (" + key(key) + ")", n.asText(), key(key));
                    }
                }
                case MINIMUM -> {
                    if (n.isNumber() && n.decimalValue().compareTo(BigDecimal.valueOf(limit.doubleValue())) < 0
                            && n.doubleValue() > 0) {
                        throw new SpecLimitException("$." + where, where + " is " + n.asText()
                                + "; the smallest allowed is " + limit + " (" + key(key) + ")", n.asText(), key(key));
                    }
                }
                case MAX_ITEMS -> {
                    if (n.isArray() && n.size() > limit.longValue()) {
                        throw new SpecLimitException("$." + where, where + " has " + n.size() + " entries; the limit is "
                                + limit + " (" + key(key) + ")", Integer.toString(n.size()), key(key));
                    }
                }
            }
        }
    }

    /** A limit: its key, the instance path it applies to ({@code *} = every array element), the schema keyword's place. */
    record Rule(String key, Kind kind, List<String> path, String schemaPointer) {
    }

    record Located(String path, JsonNode node) {
    }

    /** Every limit the spec itself can exceed (rows, columns and cells are checked while reading the upload). */
    static final List<Rule> RULES = List.of(
            new Rule("models", Kind.MAX_ITEMS, List.of("models"), "/properties/models"),
            new Rule("robustness", Kind.MAX_ITEMS, List.of("robustness"), "/properties/robustness"),
            new Rule("heterogeneity", Kind.MAX_ITEMS, List.of("heterogeneity"), "/properties/heterogeneity"),
            new Rule("mechanisms", Kind.MAX_ITEMS, List.of("mechanisms"), "/properties/mechanisms"),
            new Rule("did", Kind.MAX_ITEMS, List.of("did"), "/properties/did"),
            new Rule("threshold", Kind.MAX_ITEMS, List.of("threshold"), "/properties/threshold"),
            new Rule("dml", Kind.MAX_ITEMS, List.of("dml"), "/properties/dml"),
            new Rule("indices", Kind.MAX_ITEMS, List.of("indices"), "/properties/indices"),
            new Rule("balance", Kind.MAX_ITEMS, List.of("balance"), "/properties/balance"),
            new Rule("derive", Kind.MAX_ITEMS, List.of("derive"), "/properties/derive"),
            new Rule("indicators", Kind.MAX_ITEMS, List.of("indices", "*", "indicators"),
                    "/properties/indices/items/properties/indicators"),
            new Rule("wild-bootstrap-draws", Kind.MAXIMUM, List.of("models", "*", "wild-bootstrap", "draws"),
                    "/properties/models/items/properties/wild-bootstrap/properties/draws"),
            new Rule("bootstrap-draws", Kind.MAXIMUM, List.of("mechanisms", "*", "bootstrap"),
                    "/properties/mechanisms/items/properties/bootstrap"),
            new Rule("threshold-bootstrap", Kind.MAXIMUM, List.of("threshold", "*", "bootstrap"),
                    "/properties/threshold/items/properties/bootstrap"),
            new Rule("threshold-min-trim", Kind.MINIMUM, List.of("threshold", "*", "trim"),
                    "/properties/threshold/items/properties/trim"),
            new Rule("dml-folds", Kind.MAXIMUM, List.of("dml", "*", "folds"),
                    "/properties/dml/items/properties/folds"),
            new Rule("placebo-permutations", Kind.MAXIMUM, List.of("did", "*", "placebo", "permutations"),
                    "/properties/did/items/properties/placebo/properties/permutations"),
            new Rule("dml-repeats", Kind.MAXIMUM, List.of("dml", "*", "repeats"),
                    "/properties/dml/items/properties/repeats"),
            new Rule("dml-trees", Kind.MAXIMUM, List.of("dml", "*", "trees"),
                    "/properties/dml/items/properties/trees"));

    private static void collect(JsonNode node, List<String> path, int depth, String where, List<Located> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (depth == path.size()) {
            out.add(new Located(where, node));
            return;
        }
        String segment = path.get(depth);
        if (segment.equals("*")) {
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    collect(node.get(i), path, depth + 1, where + "[" + i + "]", out);
                }
            }
        } else if (node.isObject()) {
            collect(node.get(segment), path, depth + 1, where.isEmpty() ? segment : where + "." + segment, out);
        }
    }

    private static int i(Map<String, Number> v, String key) {
        long n = v.get(key).longValue();
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(PREFIX + key + " is above " + Integer.MAX_VALUE + ": " + n);
        }
        return (int) n;
    }

    private static Map<String, Number> values(Number... n) {
        Map<String, Number> out = new LinkedHashMap<>();
        for (int k = 0; k < KEYS.size(); k++) {
            out.put(KEYS.get(k), n[k]);
        }
        return out;
    }
}
