package io.panelflow.estimation.dml;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A regression random forest grown by XGBoost ({@code num_parallel_tree} trees in one round, learning rate 1,
 * no leaf penalty, so the prediction is the average of the trees): each tree sees a 63.2% subsample of the
 * rows drawn without replacement (XGBoost cannot draw with replacement; 63.2% is the share of distinct rows
 * in a bootstrap sample) and considers {@code mtry = max(1, floor(√p))} covariates at each split (ranger's
 * default for regression), leaves hold at least {@code minNodeSize} rows (ranger's default 5) and trees grow
 * to {@code maxDepth} (default 12). Split points come from XGBoost's histogram (at most 256 bins per covariate),
 * so forests agree with ranger's only in distribution, not tree by tree. Seeded and single-threaded: the same
 * seed gives the same forest.
 */
public final class RandomForestLearner implements NuisanceLearner {
    public static final int DEFAULT_TREES = 500;
    public static final int DEFAULT_MAX_DEPTH = 12;
    public static final int DEFAULT_MIN_NODE_SIZE = 5;
    static final double SUBSAMPLE = 0.632;

    private final int trees;
    private final int maxDepth;
    private final int minNodeSize;
    private final long seed;

    public RandomForestLearner(Integer trees, Integer maxDepth, Integer minNodeSize, long seed) {
        this.trees = trees == null ? DEFAULT_TREES : trees;
        this.maxDepth = maxDepth == null ? DEFAULT_MAX_DEPTH : maxDepth;
        this.minNodeSize = minNodeSize == null ? DEFAULT_MIN_NODE_SIZE : minNodeSize;
        this.seed = seed;
        if (this.trees < 1 || this.maxDepth < 1 || this.minNodeSize < 1) {
            throw new DmlException("a random forest needs at least 1 tree, depth 1 and leaves of 1 row");
        }
    }

    @Override
    public TreeEnsembleFit fit(double[][] x, double[] target) {
        int p = x.length;
        int mtry = Math.max(1, (int) Math.floor(Math.sqrt(p)));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("num_parallel_tree", trees);
        s.put("eta", 1.0);
        s.put("lambda", 0.0);
        s.put("subsample", SUBSAMPLE);
        s.put("colsample_bynode", p == 0 ? 1.0 : (double) mtry / p);
        s.put("max_depth", maxDepth);
        s.put("min_child_weight", (double) minNodeSize);
        s.put("seed", seed);
        return XgboostTrees.train(x, target, s, 1);
    }

    @Override
    public String name() {
        return "random-forest(" + trees + " trees, depth " + maxDepth + ", min leaf " + minNodeSize + ")";
    }
}
