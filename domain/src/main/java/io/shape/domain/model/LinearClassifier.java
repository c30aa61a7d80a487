package io.shape.domain.model;

import java.util.List;
import java.util.Map;

/**
 * scikit-learn's linear classifiers ({@code LogisticRegression}, {@code LinearSVC}): binary models predict
 * {@code classes_[1]} when {@code X @ coef_.T + intercept_ > 0}; with more classes, the first class of
 * highest score wins ({@code argmax}), whatever {@code multi_class} was (it changes only probabilities).
 */
final class LinearClassifier extends EstimatorModel {
    private static final long serialVersionUID = 1L;

    private final LinearScores scores;
    /** How {@code predict_proba} is computed; null for models without it (LinearSVC). */
    private final ClassProbabilities probabilities;

    LinearClassifier(String estimatorClass, LinearScores scores, List<Object> labels,
            ClassProbabilities probabilities, Map<String, Object> description, List<String> warnings) {
        super(estimatorClass, scores.features, labels, description, warnings);
        this.scores = scores;
        this.probabilities = probabilities;
    }

    @Override
    public boolean hasClassDecisions() {
        return scores.outputs > 1;
    }

    @Override
    public boolean hasProbabilities() {
        return probabilities != null;
    }

    @Override
    public PredictionKind predictionKind() {
        return PredictionKind.LABEL;
    }

    @Override
    public boolean hasDecisionFunction() {
        return scores.outputs == 1;
    }

    @Override
    public int scratchSize(int rows) {
        int b = RowBlock.rowsFor(rows);
        return scores.scratchSize(rows) + (scores.outputs == 1 ? 0 : b);
    }

    @Override
    public void score(double[] x, int rows, Predictions out) {
        RowBlock.checkBatch(x, rows, featureCount(), out, scratchSize(rows));
        RowBlock.checkLabelRoom(this, out);
        double[] s = out.scratch;
        for (int first = 0; first < rows; first += RowBlock.SIZE) {
            int b = Math.min(RowBlock.SIZE, rows - first);
            RowBlock.transpose(x, scores.features, first, b, s);
            if (scores.outputs == 1) {
                scores.score(s, b, 0, out.decision, first);
                for (int r = first; r < first + b; r++) {
                    out.label[r] = out.decision[r] > 0 ? 1 : 0;
                }
                if (probabilities != null) {
                    probabilities.fromDecision(out, first, b);
                }
                continue;
            }
            // Each class's scores are its decision_function column; the running maximum is kept in scratch.
            double[] to = out.classDecision;
            int best = scores.features * b;
            scores.score(s, b, 0, to, first);
            System.arraycopy(to, first, s, best, b);
            for (int r = 0; r < b; r++) {
                out.label[first + r] = 0;
            }
            for (int o = 1; o < scores.outputs; o++) {
                int at = o * out.capacity + first;
                scores.score(s, b, o, to, at);
                for (int r = 0; r < b; r++) {
                    // strictly greater: numpy's argmax keeps the first of equal maxima
                    if (to[at + r] > s[best + r]) {
                        s[best + r] = to[at + r];
                        out.label[first + r] = o;
                    }
                }
            }
            if (probabilities != null) {
                for (int o = 0; o < scores.outputs; o++) {
                    System.arraycopy(to, o * out.capacity + first, out.probability, o * out.capacity + first, b);
                }
                probabilities.fromScores(out, first, b, scores.outputs);
            }
        }
    }
}
