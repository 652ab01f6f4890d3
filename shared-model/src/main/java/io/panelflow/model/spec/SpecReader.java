package io.panelflow.model.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Reads a study spec written in YAML or JSON (JSON is YAML), validates it against
 * {@code schema/study-spec.schema.json} and maps it to {@link StudySpec}. Every error names the JSON
 * path at fault.
 */
public final class SpecReader {
    public static final String SCHEMA_RESOURCE = "/schema/study-spec.schema.json";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonNode SCHEMA_TREE = loadSchemaTree();
    private static final Map<SpecLimits, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private SpecReader() {
    }

    /** Reads a spec under the default cost limits ({@link SpecLimits#DEFAULT}). */
    public static StudySpec read(String text) {
        return read(text, SpecLimits.DEFAULT);
    }

    /**
     * Reads a spec: YAML or JSON, then the cost limits (the first value over a limit is a
     * {@link SpecLimitException} naming field, value, limit and configuration key), then the schema with those
     * limits in place, then the checks the schema cannot express.
     */
    public static StudySpec read(String text, SpecLimits limits) {
        if (text == null || text.isBlank()) {
            throw new SpecException("$", "the spec is empty");
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new SpecException("$", "the spec is not valid YAML or JSON" + where + ": " + e.getOriginalMessage());
        }
        if (root == null || root.getNodeType() != JsonNodeType.OBJECT) {
            throw new SpecException("$", "the spec must be a mapping with at least name and panel");
        }
        limits.check(root);
        validate(root, limits);
        return map(root);
    }

    private static void validate(JsonNode root, SpecLimits limits) {
        JsonSchema schema = SCHEMAS.computeIfAbsent(limits, l -> JsonSchemaFactory
                .getInstance(SpecVersion.VersionFlag.V7).getSchema(l.patch(SCHEMA_TREE)));
        Set<ValidationMessage> errors = schema.validate(root);
        if (!errors.isEmpty()) {
            throw SchemaMessages.toException(errors, SCHEMA_TREE);
        }
    }

    /** The JSON Schema as published (with the default limits). */
    public static JsonNode schema() {
        return SCHEMA_TREE.deepCopy();
    }

    private static StudySpec map(JsonNode n) {
        JsonNode p = n.get("panel");
        PanelSpec panel = new PanelSpec(text(p, "unit"), text(p, "time"), text(p, "group"), strings(p.get("attributes")));
        List<ModelSpec> models = list(n.get("models"), SpecReader::model);
        checkUnique(models.stream().map(ModelSpec::id).toList(), "$.models", "model id");
        List<RobustnessSpec> robustness = list(n.get("robustness"), SpecReader::robustness);
        checkUnique(robustness.stream().map(RobustnessSpec::id).toList(), "$.robustness", "robustness id");
        List<IndexSpec> indices = list(n.get("indices"), SpecReader::index);
        checkUnique(indices.stream().map(IndexSpec::name).toList(), "$.indices", "index name");
        List<DidSpec> dids = list(n.get("did"), SpecReader::did);
        checkUnique(dids.stream().map(DidSpec::id).toList(), "$.did", "did id");
        for (int i = 0; i < dids.size(); i++) {
            List<String> methods = dids.get(i).methods();
            if (methods.stream().distinct().count() < methods.size()) {
                throw new SpecException("$.did[" + i + "].methods", "a method is listed twice: " + methods);
            }
        }
        List<ThresholdSpec> thresholds = list(n.get("threshold"), SpecReader::threshold);
        checkUnique(thresholds.stream().map(ThresholdSpec::id).toList(), "$.threshold", "threshold id");
        List<DmlSpec> dmls = new ArrayList<>();
        JsonNode dmlNode = n.get("dml");
        for (int i = 0; dmlNode != null && i < dmlNode.size(); i++) {
            dmls.add(dml(dmlNode.get(i), i));
        }
        checkUnique(dmls.stream().map(DmlSpec::id).toList(), "$.dml", "dml id");
        JsonNode dn = n.get("data");
        DataSpec data = dn == null ? DataSpec.UNDESCRIBED
                : new DataSpec(text(dn, "description"), text(dn, "source"), dn.path("synthetic").asBoolean(false));
        return new StudySpec(text(n, "name"), data, panel, cleaning(n.get("cleaning")),
                list(n.get("derive"), d -> new DerivedColumnSpec(text(d, "name"), text(d, "expr"))),
                indices,
                list(n.get("balance"), b -> new BalanceSpec(text(b, "name"), text(b, "method"), text(b, "measure"),
                        text(b, "weight"), text(b, "by"))),
                estimation(n.get("estimation")),
                models, robustness,
                list(n.get("heterogeneity"), h -> new HeterogeneitySpec(text(h, "by"), text(h, "split"), text(h, "model"))),
                list(n.get("mechanisms"), m -> new MechanismSpec(text(m, "mediator"), text(m, "moderator"), text(m, "model"),
                        text(m, "treatment"), m.has("bootstrap") ? m.get("bootstrap").asInt() : null,
                        m.has("seed") ? m.get("seed").asLong() : null)),
                stringMap(n.get("labels")), dids, thresholds, dmls,
                n.has("report") ? new ReportSpec(text(n.get("report"), "language")) : ReportSpec.DEFAULT);
    }

    private static DidSpec did(JsonNode d) {
        JsonNode placebo = d.get("placebo");
        return new DidSpec(text(d, "id"), text(d, "outcome"), text(d, "adoption"), strings(d.get("controls")),
                strings(d.get("methods")), d.has("vcov") ? vcov(d.get("vcov")) : null, text(d, "control-group"),
                placebo == null || placebo.isNull() ? null : new PlaceboSpec(placebo.path("permutations").asInt(),
                        placebo.path("seed").asLong(PlaceboSpec.DEFAULT_SEED)));
    }

    private static ThresholdSpec threshold(JsonNode t) {
        return new ThresholdSpec(text(t, "id"), text(t, "outcome"), text(t, "threshold"), text(t, "regime"),
                strings(t.get("controls")), t.path("trim").asDouble(ThresholdSpec.DEFAULT_TRIM),
                t.path("bootstrap").asInt(ThresholdSpec.DEFAULT_BOOTSTRAP), t.path("seed").asLong(1),
                t.path("level").asDouble(0.95), t.path("thresholds").asInt(1));
    }

    private static DmlSpec dml(JsonNode d, int i) {
        String at = "$.dml[" + i + "]";
        String learner = text(d, "learner");
        Double lambda = d.has("lambda") ? d.get("lambda").asDouble() : null;
        if ((learner == null || learner.equals("lasso")) && lambda == null) {
            throw new SpecException(at + ".lambda", "the lasso learner needs a penalty lambda");
        }
        if (learner != null && !learner.equals("lasso") && lambda != null) {
            throw new SpecException(at + ".lambda", "lambda applies to the lasso learner only");
        }
        boolean trees = "random-forest".equals(learner) || "gradient-boosting".equals(learner);
        for (String option : List.of("trees", "max-depth", "min-node-size", "learning-rate")) {
            if (d.has(option) && !trees) {
                throw new SpecException(at + "." + option, option + " applies to the random-forest and "
                        + "gradient-boosting learners only");
            }
        }
        if (d.has("learning-rate") && !"gradient-boosting".equals(learner)) {
            throw new SpecException(at + ".learning-rate", "learning-rate applies to the gradient-boosting learner only");
        }
        String foldColumn = text(d, "fold-column");
        int repeats = d.path("repeats").asInt(1);
        if (foldColumn != null && repeats > 1) {
            throw new SpecException(at + ".repeats", "a fold-column gives one sample split; repeats needs random "
                    + "folds (leave out fold-column or repeats)");
        }
        String cluster = null;
        JsonNode vcov = d.get("vcov");
        if (vcov != null && !vcov.isNull()) {
            List<String> by = strings(vcov.get("cluster"));
            if (by.size() != 1) {
                throw new SpecException(at + ".vcov.cluster", "the DML score variance is clustered by one column");
            }
            cluster = by.get(0);
        }
        return new DmlSpec(text(d, "id"), text(d, "outcome"), text(d, "treatment"), strings(d.get("controls")),
                learner, lambda, d.path("folds").asInt(5), d.path("seed").asLong(1), text(d, "by"),
                text(d, "fixed-effects"), foldColumn, cluster, repeats,
                d.has("trees") ? d.get("trees").asInt() : null, d.has("max-depth") ? d.get("max-depth").asInt() : null,
                d.has("learning-rate") ? d.get("learning-rate").asDouble() : null,
                d.has("min-node-size") ? d.get("min-node-size").asInt() : null);
    }

    private static void checkUnique(List<String> ids, String path, String what) {
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!seen.add(ids.get(i))) {
                throw new SpecException(path + "[" + i + "]", "duplicate " + what + " '" + ids.get(i) + "'");
            }
        }
    }

    private static CleaningSpec cleaning(JsonNode c) {
        if (c == null || c.isNull()) {
            return CleaningSpec.NONE;
        }
        WinsorizeSpec w = null;
        JsonNode wn = c.get("winsorize");
        if (wn != null) {
            double lo = wn.get("p").get(0).asDouble();
            double hi = wn.get("p").get(1).asDouble();
            if (!(lo < hi)) {
                throw new SpecException("$.cleaning.winsorize.p", "the lower percentile " + lo
                        + " must be below the upper percentile " + hi);
            }
            w = new WinsorizeSpec(lo, hi, strings(wn.get("columns")), "time".equals(text(wn, "by")));
        }
        return new CleaningSpec(text(c, "missing"), c.path("extrapolate").asBoolean(false), strings(c.get("columns")), w);
    }

    private static EstimationPanelSpec estimation(JsonNode e) {
        if (e == null || e.isNull()) {
            return EstimationPanelSpec.UNIT;
        }
        return new EstimationPanelSpec(text(e, "level"), list(e.get("aggregate"),
                a -> new AggregateSpec(text(a, "name"), text(a, "column"),
                        a.has("function") ? text(a, "function") : "mean", text(a, "weight"), text(a, "missing"))));
    }

    private static IndexSpec index(JsonNode i) {
        Map<String, Object> options = i.has("options") ? YAML.convertValue(i.get("options"),
                YAML.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class)) : Map.of();
        return new IndexSpec(text(i, "name"), text(i, "method"), text(i, "scope"),
                list(i.get("indicators"), d -> new IndicatorSpec(text(d, "column"),
                        d.has("direction") ? text(d, "direction") : "positive", text(d, "group"), text(d, "label"))),
                text(i, "supply"), text(i, "population"), options);
    }

    private static ModelSpec model(JsonNode m) {
        return new ModelSpec(text(m, "id"), text(m, "title"), text(m, "formula"), vcov(m.get("vcov")),
                m.path("stepwise").asBoolean(false), text(m, "singletons"), text(m, "weights"),
                wildBootstrap(m), m.path("hausman").asBoolean(false));
    }

    /** {@code wild-bootstrap: {draws: B, seed: S, type: restricted|unrestricted}}; null when absent. */
    private static WildBootstrapSpec wildBootstrap(JsonNode m) {
        JsonNode w = m.get("wild-bootstrap");
        if (w == null || w.isNull()) {
            return null;
        }
        return new WildBootstrapSpec(w.path("draws").asInt(WildBootstrapSpec.DEFAULT_DRAWS),
                w.path("seed").asLong(WildBootstrapSpec.DEFAULT_SEED), text(w, "type"));
    }

    private static RobustnessSpec robustness(JsonNode r) {
        Map<String, List<String>> exclude = new LinkedHashMap<>();
        JsonNode ex = r.get("exclude");
        if (ex != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = ex.fields(); it.hasNext(); ) {
                var e = it.next();
                exclude.put(e.getKey(), strings(e.getValue()));
            }
        }
        return new RobustnessSpec(text(r, "id"), text(r, "model"), text(r, "formula"), stringMap(r.get("replace")),
                exclude, strings(r.get("add-controls")), strings(r.get("add-fixed-effects")),
                r.has("vcov") ? vcov(r.get("vcov")) : null);
    }

    /** {@code iid}, {@code hetero}, {@code {cluster: x}}, {@code {cluster: [x, y]}}, {@code {driscoll-kraay: {lag: L}}}. */
    static VcovSpec vcov(JsonNode v) {
        if (v == null || v.isNull()) {
            return VcovSpec.DEFAULT;
        }
        if (v.isTextual()) {
            String t = v.asText();
            return new VcovSpec(t.equals("HC1") ? "hetero" : t, List.of(), null, null);
        }
        String fixefK = text(v, "fixef-k");
        if (v.has("cluster")) {
            return new VcovSpec("cluster", strings(v.get("cluster")), null, fixefK);
        }
        if (v.has("driscoll-kraay")) {
            JsonNode lag = v.get("driscoll-kraay").get("lag");
            return new VcovSpec("driscoll-kraay", List.of(), lag == null ? null : lag.asInt(), fixefK);
        }
        return new VcovSpec("default", List.of(), null, fixefK);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(JsonNode n) {
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            return List.of(n.asText());
        }
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static Map<String, String> stringMap(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n != null) {
            n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    private static <T> List<T> list(JsonNode n, Function<JsonNode, T> f) {
        List<T> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(x -> out.add(f.apply(x)));
        }
        return out;
    }

    private static JsonNode loadSchemaTree() {
        try (InputStream in = SpecReader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + SCHEMA_RESOURCE);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
