package io.shape.domain.model;

import java.util.List;
import java.util.Map;

/**
 * scikit-learn 1.6.1's {@code GradientBoostingClassifier} and {@code GradientBoostingRegressor}
 * ({@code ensemble/_gb.py}, {@code _gradient_boosting.pyx}): the raw prediction of each of the K outputs starts at
 * the init estimator's (a constant: {@link BoostingStart}) and adds {@code learning_rate × leaf value} of its tree
 * stage after stage, each tree reading the row cast to float32. A regressor predicts the raw value; a binary
 * classifier's {@code decision_function} is the raw value and its class 1 wins when it is {@code >= 0}, its
 * probability {@code expit(raw)} ({@code expit(2 raw)} for the exponential loss); more classes take the first
 * largest raw value, and their probabilities are its softmax.
 */
final class GradientBoosting extends EstimatorModel {
    private static final long serialVersionUID = 1L;

    /** What the raw predictions are. */
    enum Kind { REGRESSION, BINARY, BINARY_EXPONENTIAL, MULTICLASS }

    private final Kind kind;
    /** Trees stage by stage, the K outputs' trees of a stage in output order. */
    private final TreeNodes nodes;
    /** Each node's value, as {@code tree_.value[node, 0, 0]}. */
    private final double[] values;
    private final int outputs;
    private final double learningRate;
    private final double[] start;

    GradientBoosting(String estimatorClass, Kind kind, int features, TreeNodes nodes, double[] values, int outputs,
            double learningRate, double[] start, List<Object> labels, Map<String, Object> description,
            List<String> warnings) {
        super(estimatorClass, features, labels, description, warnings);
        this.kind = kind;
        this.nodes = nodes;
        this.values = values;
        this.outputs = outputs;
        this.learningRate = learningRate;
        this.start = start.clone();
    }

    /** The classes this reads, by qualified Python class. */
    static final Map<String, String> CLASSES = Map.of(
            "sklearn.ensemble._gb.GradientBoostingClassifier", "GradientBoostingClassifier",
            "sklearn.ensemble._gb.GradientBoostingRegressor", "GradientBoostingRegressor");

    /**
     * Reads a fitted gradient boosting pickle: {@code estimators_} (stages × K DecisionTreeRegressors, C order),
     * {@code learning_rate}, {@code loss}, {@code init_}.
     */
    static Model read(String name, FittedAttributes a, Map<String, Object> description, List<String> warnings) {
        int features = a.integer("n_features_in_", -1);
        if (features < 1) {
            throw a.has("n_features_in_") ? a.invalid("n_features_in_", "is " + features) : a.notFitted("n_features_in_");
        }
        boolean classifier = name.endsWith("Classifier");
        List<Object> labels = classifier ? ClassLabels.of(a) : List.of();
        String loss = a.string("loss", classifier ? "log_loss" : "squared_error");
        Kind kind;
        if (!classifier) {
            if (!List.of("squared_error", "absolute_error", "huber", "quantile").contains(loss)) {
                throw a.invalid("loss", "is '" + loss + "', not a loss of scikit-learn 1.6.1's GradientBoostingRegressor");
            }
            kind = Kind.REGRESSION;
        } else if (labels.size() > 2) {
            if (!loss.equals("log_loss")) {
                throw a.invalid("loss", "is '" + loss + "'; with more than two classes scikit-learn uses log_loss");
            }
            kind = Kind.MULTICLASS;
        } else {
            kind = switch (loss) {
                case "log_loss" -> Kind.BINARY;
                case "exponential" -> Kind.BINARY_EXPONENTIAL;
                default -> throw a.invalid("loss", "is '" + loss + "', not log_loss or exponential");
            };
        }
        int outputs = kind == Kind.MULTICLASS ? labels.size() : 1;
        int perStage = a.integer("n_trees_per_iteration_", outputs);
        if (perStage != outputs) {
            throw a.invalid("n_trees_per_iteration_", "is " + perStage + ", expected " + outputs);
        }
        Object stages = a.raw("estimators_");
        if (!(stages instanceof List<?> trees) || trees.isEmpty() || trees.size() % outputs != 0) {
            throw stages == null ? a.notFitted("estimators_") : a.invalid("estimators_", "is "
                    + FittedAttributes.describe(stages) + ", expected stages of " + outputs + " regression trees");
        }
        List<FittedTree> fitted = new java.util.ArrayList<>();
        for (int t = 0; t < trees.size(); t++) {
            String where = "estimators_[" + t / outputs + ", " + t % outputs + "]";
            if (!(trees.get(t) instanceof Map<?, ?> tree) || tree.get("tree_") == null) {
                throw a.invalid(where, "is " + FittedAttributes.describe(trees.get(t)) + ", expected a fitted tree");
            }
            fitted.add(FittedTree.read(a, where + ".tree_", tree.get("tree_"), features, 1));
        }
        TreeNodes nodes = new TreeNodes(fitted, null, features);
        double[] values = nodes.arrange(fitted, fitted.stream().map(FittedTree::values).toList(), 1);
        double learningRate = a.number("learning_rate");
        for (String p : List.of("n_estimators", "learning_rate", "loss", "max_depth", "subsample")) {
            Object v = a.scalarOrNull(p);
            if (v != null) {
                description.put(p, v);
            }
        }
        description.put("stages", trees.size() / outputs);
        if (classifier) {
            description.put("classes", labels);
        }
        return new GradientBoosting(name, kind, features, nodes, values, outputs, learningRate,
                BoostingStart.of(a, kind, outputs), labels, description, warnings);
    }

    @Override
    public PredictionKind predictionKind() {
        return kind == Kind.REGRESSION ? PredictionKind.VALUE : PredictionKind.LABEL;
    }

    @Override
    public boolean hasDecisionFunction() {
        return kind == Kind.BINARY || kind == Kind.BINARY_EXPONENTIAL; // the regressor has none
    }

    @Override
    public boolean hasClassDecisions() {
        return kind == Kind.MULTICLASS;
    }

    @Override
    public boolean hasProbabilities() {
        return kind != Kind.REGRESSION;
    }

    @Override
    public void score(double[] x, int rows, Predictions out) {
        int width = featureCount();
        RowBlock.checkBatch(x, rows, width, out, 0);
        RowBlock.checkLabelRoom(this, out);
        TreeNodes.Walk walk = nodes.walk(out);
        int[] leaves = walk.leaves;
        // the raw predictions: output k of row r at raw[k * stride + r]
        double[] raw = kind == Kind.MULTICLASS ? out.classDecision : kind == Kind.REGRESSION ? out.value : out.decision;
        int stride = kind == Kind.MULTICLASS ? out.capacity : 0;
        for (int first = 0; first < rows; first += RowBlock.SIZE) {
            int end = Math.min(rows, first + RowBlock.SIZE);
            walk.load(x, width, first, end);
            walk.requireFinite(estimatorClass(), false, x, width, first);
            for (int k = 0; k < outputs; k++) {
                java.util.Arrays.fill(raw, k * stride + first, k * stride + end, start[k]);
            }
            for (int t = 0; t < nodes.trees(); t++) {
                int at = (t % outputs) * stride;
                nodes.leaves(t, walk);
                for (int r = first; r < end; r++) {
                    raw[at + r] += learningRate * values[leaves[r - first]];
                }
            }
            finish(out, first, end);
        }
    }

    private void finish(Predictions out, int first, int end) {
        switch (kind) {
            case REGRESSION -> {
            }
            case BINARY -> {
                for (int r = first; r < end; r++) {
                    out.label[r] = out.decision[r] >= 0 ? 1 : 0;
                }
                ClassProbabilities.ONE_VS_REST.fromDecision(out, first, end - first); // expit(raw)
            }
            case BINARY_EXPONENTIAL -> {
                for (int r = first; r < end; r++) {
                    out.label[r] = out.decision[r] >= 0 ? 1 : 0;
                    double p = ClassProbabilities.expit(2 * out.decision[r]);
                    out.probability[out.capacity + r] = p;
                    out.probability[r] = 1 - p;
                }
            }
            case MULTICLASS -> ClassProbabilities.softmaxOfDecisions(out, first, end - first, outputs);
        }
    }
}
