package io.shape.domain.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * scikit-learn 1.6.1's {@code HistGradientBoostingClassifier} / {@code Regressor} applied as fitted
 * ({@code gradient_boosting.py}, {@code _predictor.pyx}): the raw prediction of each output is
 * {@code _baseline_prediction} plus every iteration's tree value, in order. The trees read the row as float64 (no
 * float32 cast): NaN goes the way {@code missing_go_to_left} says, a numeric split sends {@code x <= num_threshold}
 * left; a categorical split casts the value to a byte (as the Cython does), sends members of the split's bitset
 * left, other categories fitting saw right, and unknown or negative ones the missing way. A regressor predicts the
 * loss's inverse link of the raw value (exp for poisson and gamma), a binary classifier class 1 when raw {@code > 0}
 * with {@code expit} probabilities, more classes the first largest raw value with its softmax.
 */
final class HistGradientBoosting extends EstimatorModel {
    private static final long serialVersionUID = 1L;

    static final Map<String, String> CLASSES = Map.of(
            "sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingClassifier",
            "HistGradientBoostingClassifier",
            "sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingRegressor",
            "HistGradientBoostingRegressor");
    /** The objects its pickle holds whose fitted values it needs: the trees and the bin mapper. */
    static final List<String> PARTS = List.of(
            "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
            "sklearn.ensemble._hist_gradient_boosting.binning._BinMapper");

    enum Kind { IDENTITY, LOG, BINARY, MULTICLASS }

    /** One fitted TreePredictor's nodes, as columns. */
    record Tree(double[] value, int[] feature, double[] threshold, boolean[] missingLeft, int[] left, int[] right,
                boolean[] leaf, boolean[] categorical, int[] bitset, int[][] leftCategories) implements java.io.Serializable {
    }

    private final Kind kind;
    private final List<Tree> trees;
    private final int outputs;
    private final double[] baseline;
    /** Per feature, the categories fitting saw as a 256-bit set (null for a numeric feature). */
    private final int[][] known;

    HistGradientBoosting(String estimatorClass, Kind kind, int features, List<Tree> trees, int outputs,
            double[] baseline, int[][] known, List<Object> labels, Map<String, Object> description,
            List<String> warnings) {
        super(estimatorClass, features, labels, description, warnings);
        this.kind = kind;
        this.trees = List.copyOf(trees);
        this.outputs = outputs;
        this.baseline = baseline.clone();
        this.known = known;
    }

    @Override
    public PredictionKind predictionKind() {
        return kind == Kind.IDENTITY || kind == Kind.LOG ? PredictionKind.VALUE : PredictionKind.LABEL;
    }

    @Override
    public boolean hasDecisionFunction() {
        return kind == Kind.BINARY;
    }

    @Override
    public boolean hasClassDecisions() {
        return kind == Kind.MULTICLASS;
    }

    @Override
    public boolean hasProbabilities() {
        return kind == Kind.BINARY || kind == Kind.MULTICLASS;
    }

    /** Its check_array takes NaN (ensure_all_finite=False): the trees route it. */
    @Override
    public boolean acceptsMissingValues() {
        return true;
    }

    @Override
    public void score(double[] x, int rows, Predictions out) {
        int width = featureCount();
        RowBlock.checkBatch(x, rows, width, out, 0);
        RowBlock.checkLabelRoom(this, out);
        double[] raw = new double[outputs];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(baseline, 0, raw, 0, outputs);
            for (int t = 0; t < trees.size(); t++) {
                raw[t % outputs] += leafValue(trees.get(t), x, r * width);
            }
            write(raw, out, r);
        }
    }

    private double leafValue(Tree tree, double[] x, int at) {
        int node = 0;
        while (!tree.leaf[node]) {
            double v = x[at + tree.feature[node]];
            boolean left;
            if (v != v) {
                left = tree.missingLeft[node];
            } else if (tree.categorical[node]) {
                int category = (int) (long) v & 0xFF; // the Cython's <uint8> cast of the value
                if (v < 0) {
                    left = tree.missingLeft[node];
                } else if (member(tree.leftCategories[tree.bitset[node]], category)) {
                    left = true;
                } else if (member(known[tree.feature[node]], category)) {
                    left = false;
                } else {
                    left = tree.missingLeft[node]; // a category fitting never saw
                }
            } else {
                left = v <= tree.threshold[node];
            }
            node = left ? tree.left[node] : tree.right[node];
        }
        return tree.value[node];
    }

    private static boolean member(int[] bitset, int category) {
        return bitset != null && (bitset[category >>> 5] >>> (category & 31) & 1) != 0;
    }

    private void write(double[] raw, Predictions out, int r) {
        switch (kind) {
            case IDENTITY -> out.value[r] = raw[0];
            case LOG -> out.value[r] = Math.exp(raw[0]);
            case BINARY -> {
                out.decision[r] = raw[0];
                out.label[r] = raw[0] > 0 ? 1 : 0; // HistGradientBoosting's "> 0", not GradientBoosting's ">= 0"
                ClassProbabilities.ONE_VS_REST.fromDecision(out, r, 1);
            }
            case MULTICLASS -> {
                for (int k = 0; k < outputs; k++) {
                    out.classDecision[k * out.capacity + r] = raw[k];
                }
                ClassProbabilities.softmaxOfDecisions(out, r, 1, outputs);
            }
        }
    }

    /** Reads a fitted pickle: {@code _predictors}, {@code _baseline_prediction}, {@code _bin_mapper}, the loss. */
    static Model read(String name, FittedAttributes a, Map<String, Object> description, List<String> warnings) {
        int features = a.integer("n_features_in_", -1);
        if (features < 1) {
            throw a.has("n_features_in_") ? a.invalid("n_features_in_", "is " + features) : a.notFitted("n_features_in_");
        }
        if (a.raw("_preprocessor") != null) {
            // the pickle reader makes it a step before the estimator; read alone, the trees would see raw values
            throw a.unsupported("holds its categorical features' _preprocessor, which only a whole pickle applies");
        }
        boolean classifier = name.endsWith("Classifier");
        List<Object> labels = classifier ? ClassLabels.of(a) : List.of();
        String loss = a.string("loss", classifier ? "log_loss" : "squared_error");
        Kind kind;
        if (classifier) {
            kind = labels.size() > 2 ? Kind.MULTICLASS : Kind.BINARY;
        } else {
            kind = switch (loss) {
                case "squared_error", "absolute_error", "quantile" -> Kind.IDENTITY;
                case "poisson", "gamma" -> Kind.LOG;
                default -> throw a.invalid("loss", "is '" + loss + "', not a loss of scikit-learn 1.6.1's " + name);
            };
        }
        int outputs = kind == Kind.MULTICLASS ? labels.size() : 1;
        NdArray base = a.array("_baseline_prediction");
        if (base.data().length != outputs) {
            throw a.invalid("_baseline_prediction", "holds " + base.data().length + " values, expected " + outputs);
        }
        if (!(a.raw("_predictors") instanceof List<?> iterations) || iterations.isEmpty()) {
            throw a.raw("_predictors") == null ? a.notFitted("_predictors")
                    : a.invalid("_predictors", "is " + FittedAttributes.describe(a.raw("_predictors")));
        }
        int[][] known = knownCategories(a, features);
        List<Tree> trees = new ArrayList<>();
        for (int i = 0; i < iterations.size(); i++) {
            if (!(iterations.get(i) instanceof List<?> ofIteration) || ofIteration.size() != outputs) {
                throw a.invalid("_predictors[" + i + "]", "is not " + outputs + " tree predictor(s)");
            }
            for (int k = 0; k < outputs; k++) {
                trees.add(tree(a, "_predictors[" + i + "][" + k + "]", ofIteration.get(k), features, known));
            }
        }
        for (String p : List.of("loss", "learning_rate", "max_iter", "max_leaf_nodes", "max_depth")) {
            Object v = a.scalarOrNull(p);
            if (v != null) {
                description.put(p, v);
            }
        }
        description.put("iterations", iterations.size());
        if (classifier) {
            description.put("classes", labels);
        }
        return new HistGradientBoosting(name, kind, features, trees, outputs, base.data(), known, labels,
                description, warnings);
    }

    /** {@code _BinMapper.make_known_categories_bitsets}: each categorical feature's raw categories as bits. */
    private static int[][] knownCategories(FittedAttributes a, int features) {
        int[][] known = new int[features][];
        Object mapper = a.raw("_bin_mapper");
        if (!(mapper instanceof Map<?, ?> m)) {
            throw a.invalid("_bin_mapper", "is " + FittedAttributes.describe(mapper) + ", expected a fitted _BinMapper");
        }
        Object flags = m.get("is_categorical_");
        Object thresholds = m.get("bin_thresholds_");
        if (flags == null) {
            return known; // no categorical feature
        }
        if (!(flags instanceof List<?> isCategorical) || isCategorical.size() != features
                || !(thresholds instanceof List<?> perFeature) || perFeature.size() != features) {
            throw a.invalid("_bin_mapper", "has is_categorical_ " + FittedAttributes.describe(flags)
                    + " and bin_thresholds_ " + FittedAttributes.describe(thresholds) + ", not one per feature");
        }
        for (int f = 0; f < features; f++) {
            if (Boolean.TRUE.equals(isCategorical.get(f)) || Long.valueOf(1).equals(isCategorical.get(f))) {
                if (!(perFeature.get(f) instanceof NdArray categories)) {
                    throw a.invalid("_bin_mapper.bin_thresholds_[" + f + "]", "is not the categories fitting saw");
                }
                known[f] = new int[8];
                for (double c : categories.data()) {
                    int category = (int) (long) c & 0xFF;
                    known[f][category >>> 5] |= 1 << (category & 31);
                }
            }
        }
        return known;
    }

    private static Tree tree(FittedAttributes a, String where, Object predictor, int features, int[][] known) {
        if (!(predictor instanceof Map<?, ?> p) || !(p.get("nodes") instanceof Map<?, ?> nodes)) {
            throw a.invalid(where, "is " + FittedAttributes.describe(predictor) + ", expected a fitted TreePredictor");
        }
        double[] value = column(a, where, nodes, "value");
        int n = value.length;
        int[] feature = ints(a, where, nodes, "feature_idx", n);
        double[] threshold = column(a, where, nodes, "num_threshold");
        boolean[] missingLeft = flags(a, where, nodes, "missing_go_to_left", n);
        int[] left = ints(a, where, nodes, "left", n);
        int[] right = ints(a, where, nodes, "right", n);
        boolean[] leaf = flags(a, where, nodes, "is_leaf", n);
        boolean[] categorical = flags(a, where, nodes, "is_categorical", n);
        int[] bitset = ints(a, where, nodes, "bitset_idx", n);
        int[][] leftCategories = bitsets(a, where, p.get("raw_left_cat_bitsets"));
        for (int i = 0; i < n; i++) {
            if (leaf[i]) {
                continue;
            }
            if (left[i] <= i || right[i] <= i || left[i] >= n || right[i] >= n) {
                throw a.invalid(where, "node " + i + " has children " + left[i] + " and " + right[i]
                        + ", not after it inside the " + n + " nodes (a cycle, or a damaged file)");
            }
            if (feature[i] < 0 || feature[i] >= features) {
                throw a.invalid(where, "node " + i + " splits on feature " + feature[i] + " of " + features);
            }
            if (categorical[i] && (bitset[i] < 0 || bitset[i] >= leftCategories.length || known[feature[i]] == null)) {
                throw a.invalid(where, "node " + i + " is a categorical split with bitset " + bitset[i] + " of "
                        + leftCategories.length + " on a feature the bin mapper does not call categorical");
            }
        }
        if (n == 0) {
            throw a.invalid(where, "has no nodes");
        }
        return new Tree(value, feature, threshold, missingLeft, left, right, leaf, categorical, bitset, leftCategories);
    }

    private static double[] column(FittedAttributes a, String where, Map<?, ?> nodes, String field) {
        if (!(nodes.get(field) instanceof NdArray column) || column.shape().length != 1) {
            throw a.invalid(where, "has no node field " + field + " (nodes of scikit-learn 1.x's PREDICTOR_RECORD_DTYPE)");
        }
        return column.data();
    }

    private static int[] ints(FittedAttributes a, String where, Map<?, ?> nodes, String field, int n) {
        double[] c = column(a, where, nodes, field);
        if (c.length != n) {
            throw a.invalid(where, "node field " + field + " holds " + c.length + " values for " + n + " nodes");
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (int) c[i];
        }
        return out;
    }

    private static boolean[] flags(FittedAttributes a, String where, Map<?, ?> nodes, String field, int n) {
        int[] c = ints(a, where, nodes, field, n);
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = c[i] != 0;
        }
        return out;
    }

    private static int[][] bitsets(FittedAttributes a, String where, Object value) {
        if (value == null) {
            return new int[0][];
        }
        if (!(value instanceof NdArray b) || b.shape().length != 2 || b.shape()[1] != 8) {
            if (value instanceof List<?> l && l.isEmpty()) {
                return new int[0][];
            }
            throw a.invalid(where, "raw_left_cat_bitsets is " + FittedAttributes.describe(value)
                    + ", expected 8 32-bit words per categorical split");
        }
        int[][] out = new int[b.rows()][8];
        for (int s = 0; s < b.rows(); s++) {
            for (int w = 0; w < 8; w++) {
                out[s][w] = (int) (long) b.get(s, w);
            }
        }
        return out;
    }
}
