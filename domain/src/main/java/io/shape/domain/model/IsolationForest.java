package io.shape.domain.model;

import java.util.List;
import java.util.Map;

/**
 * scikit-learn's {@code IsolationForest} ({@code ensemble/_iforest.py}): per row, each tree in
 * {@code estimators_} order adds {@code _decision_path_lengths[t][leaf] + _average_path_length_per_tree[t][leaf]
 * − 1} (that sum formed first: {@link #pathValues}) into zeros; {@code score_samples = −2^(−depths / (n_trees ·
 * c(_max_samples)))}, {@code decision_function = score_samples − offset_}, {@code predict} −1 where the decision
 * is below 0, else +1.
 */
final class IsolationForest extends EstimatorModel {
    private static final long serialVersionUID = 1L;
    private static final List<Object> LABELS = List.of(-1L, 1L);
    /** {@code np.euler_gamma}. */
    private static final double EULER_GAMMA = 0.5772156649015329;

    private final TreeNodes nodes;
    /** Per node (global index), what a row ending in that leaf adds to its depth. */
    private final double[] pathValues;
    /** {@code len(estimators_) * _average_path_length([_max_samples])}. */
    private final double denominator;
    private final double offset;

    /** score_samples validates with ensure_all_finite=False: NaN rows are scored (missing_go_to_left). */
    @Override
    public boolean acceptsMissingValues() {
        return true;
    }

    IsolationForest(int features, TreeNodes nodes, double[] pathValues, int maxSamples, double offset,
            Map<String, Object> description, List<String> warnings) {
        super("IsolationForest", features, LABELS, description, warnings);
        this.nodes = nodes;
        this.pathValues = pathValues;
        this.denominator = nodes.trees() * averagePathLength(maxSamples);
        this.offset = offset;
    }

    /**
     * {@code _average_path_length}: the average path length of an unsuccessful search in a binary search tree of
     * {@code n} keys, 0 for n ≤ 1 and 1 for n = 2, in numpy's order of operations.
     */
    static double averagePathLength(double n) {
        if (n <= 1) {
            return 0.0;
        }
        if (n == 2) {
            return 1.0;
        }
        return 2.0 * (Math.log(n - 1.0) + EULER_GAMMA) - 2.0 * (n - 1.0) / n;
    }

    /** The per-node value the tree adds for a row in that leaf: {@code (path length + average) − 1.0}. */
    static double pathValue(double decisionPathLength, double averagePathLength) {
        return decisionPathLength + averagePathLength - 1.0;
    }

    @Override
    public PredictionKind predictionKind() {
        return PredictionKind.LABEL;
    }

    @Override
    public boolean hasDecisionFunction() {
        return true;
    }

    @Override
    public void score(double[] x, int rows, Predictions out) {
        int width = featureCount();
        RowBlock.checkBatch(x, rows, width, out, 0);
        double[] d = out.decision;
        int trees = nodes.trees();
        TreeNodes.Walk walk = nodes.walk(out);
        int[] leaves = walk.leaves;
        for (int first = 0; first < rows; first += RowBlock.SIZE) {
            int end = Math.min(rows, first + RowBlock.SIZE);
            walk.load(x, width, first, end);
            java.util.Arrays.fill(d, first, end, 0.0);
            for (int t = 0; t < trees; t++) {
                nodes.leaves(t, walk);
                for (int r = first; r < end; r++) {
                    d[r] += pathValues[leaves[r - first]];
                }
            }
            for (int r = first; r < end; r++) {
                // a single training sample makes the denominator 0: scikit-learn then takes 1 as the quotient
                double quotient = denominator != 0 ? d[r] / denominator : 1.0;
                // numpy's power here: libm's pow, or SVML's on AVX-512 processors, which is 1 ulp off a correctly
                // rounded pow for some 6% of values (reference/README.md); Math.pow agrees with it to that ulp
                double scoreSamples = -Math.pow(2.0, -quotient);
                d[r] = scoreSamples - offset;
                out.label[r] = d[r] < 0 ? 0 : 1;
            }
        }
    }
}
