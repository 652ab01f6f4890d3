package io.panelflow.estimation.dml;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gradient-boosted regression trees by XGBoost: {@code rounds} trees (default 200), each fitted to the
 * gradient of the squared error and shrunk by the learning rate (default 0.1), depth at most
 * {@code maxDepth} (default 3), leaves with at least {@code minNodeSize} rows (default 1), XGBoost's
 * default leaf penalty (λ = 1). Seeded and single-threaded: the same seed gives the same ensemble.
 */
public final class GradientBoostingLearner implements NuisanceLearner {
    public static final int DEFAULT_ROUNDS = 200;
    public static final int DEFAULT_MAX_DEPTH = 3;
    public static final double DEFAULT_LEARNING_RATE = 0.1;
    public static final int DEFAULT_MIN_NODE_SIZE = 1;

    private final int rounds;
    private final int maxDepth;
    private final double learningRate;
    private final int minNodeSize;
    private final long seed;

    public GradientBoostingLearner(Integer rounds, Integer maxDepth, Double learningRate, Integer minNodeSize,
                                   long seed) {
        this.rounds = rounds == null ? DEFAULT_ROUNDS : rounds;
        this.maxDepth = maxDepth == null ? DEFAULT_MAX_DEPTH : maxDepth;
        this.learningRate = learningRate == null ? DEFAULT_LEARNING_RATE : learningRate;
        this.minNodeSize = minNodeSize == null ? DEFAULT_MIN_NODE_SIZE : minNodeSize;
        this.seed = seed;
        if (this.rounds < 1 || this.maxDepth < 1 || this.minNodeSize < 1
                || !(this.learningRate > 0 && this.learningRate <= 1)) {
            throw new DmlException("gradient boosting needs at least 1 round, depth 1, leaves of 1 row and a "
                    + "learning rate in (0, 1]");
        }
    }

    @Override
    public TreeEnsembleFit fit(double[][] x, double[] target) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("eta", learningRate);
        s.put("max_depth", maxDepth);
        s.put("min_child_weight", (double) minNodeSize);
        s.put("seed", seed);
        return XgboostTrees.train(x, target, s, rounds);
    }

    @Override
    public String name() {
        return "gradient-boosting(" + rounds + " rounds, depth " + maxDepth + ", rate " + learningRate + ")";
    }
}
