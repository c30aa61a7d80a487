package io.shape.domain.model;

import java.util.List;
import java.util.Map;

/**
 * scikit-learn's tree classifiers: one tree ({@code DecisionTreeClassifier}, {@code ExtraTreeClassifier}), whose
 * {@code predict_proba} is the leaf's class fractions as stored, or a forest ({@code RandomForestClassifier},
 * {@code ExtraTreesClassifier}), whose {@code predict_proba} adds each tree's leaf fractions into zeros in
 * {@code estimators_} order and divides the sums by the number of trees ({@code _forest.py}). {@code predict} is
 * the first class of highest probability ({@code argmax}).
 */
final class TreeClassifier extends EstimatorModel {
    private static final long serialVersionUID = 1L;

    private final TreeNodes nodes;
    /** The class fractions of every node, class after class: {@code values[k * nodes + node]}. */
    private final double[] values;
    private final int classes;
    /** A forest averages; a single tree hands its leaf's values over untouched. */
    private final boolean forest;
    /** See {@link TreeModels#routesMissingValues}. */
    private final boolean acceptsMissing;

    TreeClassifier(String estimatorClass, int features, TreeNodes nodes, double[] values, List<Object> labels,
            boolean forest, boolean acceptsMissing, Map<String, Object> description, List<String> warnings) {
        super(estimatorClass, features, labels, description, warnings);
        this.nodes = nodes;
        this.classes = labels.size();
        // class-major, so that adding one class's leaf fractions over a block is one indexed load a row
        int count = nodes.nodes();
        this.values = new double[values.length];
        for (int node = 0; node < count; node++) {
            for (int k = 0; k < classes; k++) {
                this.values[k * count + node] = values[node * classes + k];
            }
        }
        this.forest = forest;
        this.acceptsMissing = acceptsMissing;
    }

    @Override
    public boolean acceptsMissingValues() {
        return acceptsMissing;
    }

    @Override
    public PredictionKind predictionKind() {
        return PredictionKind.LABEL;
    }

    @Override
    public boolean hasDecisionFunction() {
        return false;
    }

    @Override
    public boolean hasProbabilities() {
        return true;
    }

    @Override
    public void score(double[] x, int rows, Predictions out) {
        int width = featureCount();
        RowBlock.checkBatch(x, rows, width, out, 0);
        RowBlock.checkLabelRoom(this, out);
        double[] p = out.probability;
        int stride = out.capacity;
        int trees = nodes.trees();
        int count = nodes.nodes();
        TreeNodes.Walk walk = nodes.walk(out);
        int[] leaves = walk.leaves;
        for (int first = 0; first < rows; first += RowBlock.SIZE) {
            int end = Math.min(rows, first + RowBlock.SIZE);
            walk.load(x, width, first, end);
            walk.requireFinite(estimatorClass(), acceptsMissing, x, width, first);
            if (forest) {
                for (int k = 0; k < classes; k++) {
                    java.util.Arrays.fill(p, k * stride + first, k * stride + end, 0.0);
                }
            }
            // tree by tree over the block: the tree's nodes stay in cache, each row's sum keeps estimators_ order
            for (int t = 0; t < trees; t++) {
                nodes.leaves(t, walk);
                for (int k = 0; k < classes; k++) {
                    int to = k * stride + first;
                    int from = k * count;
                    if (forest) {
                        for (int i = 0; i < end - first; i++) {
                            p[to + i] += values[from + leaves[i]];
                        }
                    } else {
                        for (int i = 0; i < end - first; i++) {
                            p[to + i] = values[from + leaves[i]];
                        }
                    }
                }
            }
            for (int r = first; r < end; r++) {
                int best = 0;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < classes; k++) {
                    int at = k * stride + r;
                    if (forest) {
                        p[at] /= trees;
                    }
                    if (p[at] > max) { // strictly greater: numpy's argmax keeps the first of equal maxima
                        max = p[at];
                        best = k;
                    }
                }
                out.label[r] = best;
            }
        }
    }
}
