package io.panelflow.model.spec;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecLimitsTest {
    private static final String HEAD = """
            name: t
            panel: {unit: province, time: year}
            """;

    @Test
    void aMediationBootstrapOverTheLimitNamesFieldValueLimitAndKey() {
        SpecLimitException e = assertThrows(SpecLimitException.class, () -> SpecReader.read(HEAD + """
                mechanisms: [{mediator: m, bootstrap: 500}, {mediator: m, bootstrap: 2000000000}]
                """));
        assertEquals("mechanisms[1].bootstrap is 2000000000; the limit is 100000 (panelflow.limits.bootstrap-draws)",
                e.getMessage());
        assertEquals("$.mechanisms[1].bootstrap", e.path());
        assertEquals("2000000000", e.value());
        assertEquals("panelflow.limits.bootstrap-draws", e.configKey());
    }

    @Test
    void wildBootstrapAndThresholdBootstrapAreRefused() {
        SpecLimitException wild = assertThrows(SpecLimitException.class, () -> SpecReader.read(HEAD + """
                models: [{id: a, formula: "Y ~ DT", wild-bootstrap: {draws: 2000000000}}]
                """));
        assertEquals("models[0].wild-bootstrap.draws is 2000000000; the limit is 100000"
                + " (panelflow.limits.wild-bootstrap-draws)", wild.getMessage());
        SpecLimitException threshold = assertThrows(SpecLimitException.class, () -> SpecReader.read(HEAD + """
                threshold: [{id: t, outcome: Y, threshold: q, regime: DT, bootstrap: 1000000000}]
                """));
        assertEquals("threshold[0].bootstrap is 1000000000; the limit is 10000 (panelflow.limits.threshold-bootstrap)",
                threshold.getMessage());
        SpecLimitException beyondLong = assertThrows(SpecLimitException.class, () -> SpecReader.read(HEAD + """
                threshold: [{id: t, outcome: Y, threshold: q, regime: DT, bootstrap: 100000000000000000000}]
                """));
        assertEquals("$.threshold[0].bootstrap", beyondLong.path());
    }

    @Test
    void gridFoldsAndCountsHaveLimits() {
        SpecLimitException trim = assertThrows(SpecLimitException.class, () -> SpecReader.read(HEAD + """
                threshold: [{id: t, outcome: Y, threshold: q, regime: DT, trim: 0.0001}]
                """));
        assertEquals("threshold[0].trim is 1.0E-4; the smallest allowed is 0.01 (panelflow.limits.threshold-min-trim)",
                trim.getMessage());
        SpecLimitException folds = assertThrows(SpecLimitException.class, () -> SpecReader.read(HEAD + """
                dml: [{id: d, outcome: Y, treatment: D, controls: [x], learner: ols, folds: 1000}]
                """));
        assertEquals("dml[0].folds is 1000; the limit is 50 (panelflow.limits.dml-folds)", folds.getMessage());
        StringBuilder many = new StringBuilder(HEAD + "models:\n");
        for (int i = 0; i < 101; i++) {
            many.append("  - {id: m").append(i).append(", formula: \"Y ~ DT\"}\n");
        }
        SpecLimitException models = assertThrows(SpecLimitException.class, () -> SpecReader.read(many.toString()));
        assertEquals("models has 101 entries; the limit is 100 (panelflow.limits.models)", models.getMessage());
    }

    @Test
    void configuredLimitsReplaceTheDefaultsBothWays() {
        SpecLimits low = SpecLimits.from(k -> Optional.ofNullable(Map.of(
                "panelflow.limits.bootstrap-draws", "100", "panelflow.limits.models", "1").get(k)));
        assertEquals(100, low.bootstrapDraws());
        assertEquals(SpecLimits.DEFAULT.wildBootstrapDraws(), low.wildBootstrapDraws());
        SpecLimitException e = assertThrows(SpecLimitException.class, () -> SpecReader.read(HEAD + """
                mechanisms: [{mediator: m, bootstrap: 500}]
                """, low));
        assertEquals("mechanisms[0].bootstrap is 500; the limit is 100 (panelflow.limits.bootstrap-draws)", e.getMessage());

        SpecLimits high = SpecLimits.from(k -> Optional.ofNullable(Map.of(
                "panelflow.limits.bootstrap-draws", "1000000").get(k)));
        StudySpec spec = SpecReader.read(HEAD + "mechanisms: [{mediator: m, bootstrap: 500000}]\n", high);
        assertEquals(500000, spec.mechanisms().get(0).bootstrap(), "the schema is patched with the raised limit");
        assertThrows(IllegalArgumentException.class, () -> SpecLimits.from(k -> Optional.of("many")));
    }

    @Test
    void theSchemaDocumentsTheDefaultLimits() {
        JsonNode schema = SpecReader.schema();
        assertTrue(schema.equals(SpecLimits.DEFAULT.patch(schema)), "the schema's maximum/maxItems/minimum are the defaults");
        assertEquals(SpecLimits.KEYS.size(), SpecLimits.DEFAULT.asMap().size());
        assertTrue(SpecLimits.RULES.stream().allMatch(r -> SpecLimits.KEYS.contains(r.key())));
    }
}
