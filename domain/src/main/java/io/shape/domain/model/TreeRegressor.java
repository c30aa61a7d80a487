package io.shape.domain.model;

import java.util.List;
import java.util.Map;

/**
 * scikit-learn's tree regressors: one tree ({@code DecisionTreeRegressor}, {@code ExtraTreeRegressor}) predicts
 * its leaf's value; a forest ({@code RandomForestRegressor}, {@code ExtraTreesRegressor}) adds each tree's leaf
 * value into zeros in {@code estimators_} order and divides the sum by the number of trees ({@code _forest.py}).
 */
final class TreeRegressor extends EstimatorModel {
    private static final long serialVersionUID = 1L;

    private final TreeNodes nodes;
    /** The value of every node. */
    private final double[] values;
    private final boolean forest;
    /** See {@link TreeModels#routesMissingValues}. */
    private final boolean acceptsMissing;

    TreeRegressor(String estimatorClass, int features, TreeNodes nodes, double[] values, boolean forest,
            boolean acceptsMissing, Map<String, Object> description, List<String> warnings) {
        super(estimatorClass, features, List.of(), description, warnings);
        this.nodes = nodes;
        this.values = values;
        this.forest = forest;
        this.acceptsMissing = acceptsMissing;
    }

    @Override
    public boolean acceptsMissingValues() {
        return acceptsMissing;
    }

    @Override
    public PredictionKind predictionKind() {
        return PredictionKind.VALUE;
    }

    @Override
    public boolean hasDecisionFunction() {
        return false;
    }

    @Override
    public void score(double[] x, int rows, Predictions out) {
        int width = featureCount();
        RowBlock.checkBatch(x, rows, width, out, 0);
        double[] y = out.value;
        int trees = nodes.trees();
        TreeNodes.Walk walk = nodes.walk(out);
        int[] leaves = walk.leaves;
        for (int first = 0; first < rows; first += RowBlock.SIZE) {
            int end = Math.min(rows, first + RowBlock.SIZE);
            walk.load(x, width, first, end);
            walk.requireFinite(estimatorClass(), acceptsMissing, x, width, first);
            if (forest) {
                java.util.Arrays.fill(y, first, end, 0.0);
            }
            for (int t = 0; t < trees; t++) {
                nodes.leaves(t, walk);
                if (forest) {
                    for (int r = first; r < end; r++) {
                        y[r] += values[leaves[r - first]];
                    }
                } else {
                    for (int r = first; r < end; r++) {
                        y[r] = values[leaves[r - first]];
                    }
                }
            }
            if (forest) {
                for (int r = first; r < end; r++) {
                    y[r] /= trees;
                }
            }
        }
    }
}
