package io.panelflow.model.spec;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dml section's fold column, clustered score variance, repetitions and tree learners, and their limits. */
class SpecReaderDmlTest {
    private static final String HEAD = """
            name: t
            panel: {unit: province, time: year}
            """;

    @Test
    void foldColumnClusterRepeatsAndTreesAreRead() {
        StudySpec spec = SpecReader.read(HEAD + """
                dml:
                  - {id: a, outcome: Y, treatment: DT, controls: [x], learner: ols, fold-column: fold, vcov: {cluster: region}}
                  - {id: b, outcome: Y, treatment: DT, controls: [x], learner: random-forest, trees: 300, max-depth: 8,
                     min-node-size: 3, repeats: 5, vcov: {cluster: [province]}}
                  - {id: c, outcome: Y, treatment: DT, controls: [x], learner: gradient-boosting, trees: 100, learning-rate: 0.05}
                """);
        DmlSpec a = spec.dml().get(0);
        assertEquals("fold", a.foldColumn());
        assertEquals("region", a.cluster());
        assertEquals(1, a.repeats());
        DmlSpec b = spec.dml().get(1);
        assertEquals("random-forest", b.learner());
        assertTrue(b.treeLearner());
        assertEquals(300, b.trees());
        assertEquals(8, b.maxDepth());
        assertEquals(3, b.minNodeSize());
        assertEquals(5, b.repeats());
        assertEquals("province", b.cluster());
        assertNull(b.foldColumn());
        DmlSpec c = spec.dml().get(2);
        assertEquals(0.05, c.learningRate());
        assertNull(c.maxDepth());
        assertNull(c.lambda());
    }

    @Test
    void inconsistentSettingsAreRefusedWithTheirPath() {
        SpecException repeats = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + """
                dml: [{id: a, outcome: Y, treatment: DT, controls: [x], learner: ols, fold-column: fold, repeats: 3}]
                """));
        assertEquals("$.dml[0].repeats", repeats.path());
        SpecException trees = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + """
                dml: [{id: a, outcome: Y, treatment: DT, controls: [x], learner: ols, trees: 30}]
                """));
        assertEquals("$.dml[0].trees", trees.path());
        SpecException rate = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + """
                dml: [{id: a, outcome: Y, treatment: DT, controls: [x], learner: random-forest, learning-rate: 0.1}]
                """));
        assertEquals("$.dml[0].learning-rate", rate.path());
        SpecException lambda = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + """
                dml: [{id: a, outcome: Y, treatment: DT, controls: [x], learner: gradient-boosting, lambda: 0.1}]
                """));
        assertEquals("$.dml[0].lambda", lambda.path());
        SpecException twoWay = assertThrows(SpecException.class, () -> SpecReader.read(HEAD + """
                dml: [{id: a, outcome: Y, treatment: DT, controls: [x], learner: ols, vcov: {cluster: [a, b]}}]
                """));
        assertTrue(twoWay.getMessage().contains("one column") || twoWay.path().startsWith("$.dml[0].vcov"),
                twoWay.getMessage());
    }

    @Test
    void repeatsAndTreesHaveLimits() {
        SpecLimitException repeats = assertThrows(SpecLimitException.class, () -> SpecReader.read(HEAD + """
                dml: [{id: a, outcome: Y, treatment: DT, controls: [x], learner: ols, repeats: 1000}]
                """));
        assertEquals("dml[0].repeats is 1000; the limit is 100 (panelflow.limits.dml-repeats)", repeats.getMessage());
        SpecLimitException trees = assertThrows(SpecLimitException.class, () -> SpecReader.read(HEAD + """
                dml: [{id: a, outcome: Y, treatment: DT, controls: [x], learner: random-forest, trees: 100000}]
                """));
        assertEquals("dml[0].trees is 100000; the limit is 5000 (panelflow.limits.dml-trees)", trees.getMessage());
        SpecLimits lower = SpecLimits.from(k -> Optional.ofNullable(Map.of("panelflow.limits.dml-trees", "50",
                "panelflow.limits.dml-repeats", "2").get(k)));
        SpecLimitException configured = assertThrows(SpecLimitException.class, () -> SpecReader.read(HEAD + """
                dml: [{id: a, outcome: Y, treatment: DT, controls: [x], learner: gradient-boosting, trees: 60}]
                """, lower));
        assertEquals("panelflow.limits.dml-trees", configured.configKey());
        assertEquals(2, lower.dmlRepeats());
    }
}
