package io.shape.domain.model;

import io.shape.domain.ErrorKind;
import io.shape.domain.ShapeException;

import java.util.List;

/**
 * The columns of the predictions every engine writes, as the model decides them (docs/CONTRACT.md):
 * {@code row}, {@code prediction} — integer labels when every class label is an integer, else the labels as
 * text, or a double for regressors — {@code decision_function} for models that have one value per row,
 * {@code decision_function_<label>} per label when it is a matrix (more than two classes; {@code <i>_vs_<j>} per
 * class pair for SVC's 'ovo' shape), and
 * {@code probability_<label>} (a double per label, the label as scikit-learn prints it) for models with
 * {@code predict_proba}. One rule for both engines: each maps it onto its own column types.
 *
 * @param integerLabels the labels as integers, by label index (INTEGER_LABEL only; empty otherwise)
 * @param labelTexts    the labels as text, by label index (empty for VALUE)
 * @param decisionSuffixes the decision matrix's columns ({@link Model#decisionColumns}), empty when it has none
 */
public record OutputSchema(Prediction prediction, boolean decisionFunction, long[] integerLabels,
                           String[] labelTexts, List<String> decisionSuffixes, boolean probabilities) {
    public OutputSchema {
        decisionSuffixes = List.copyOf(decisionSuffixes);
    }

    public static final String ROW = "row";
    public static final String PREDICTION = "prediction";
    public static final String DECISION_FUNCTION = "decision_function";
    public static final String DECISION_PREFIX = "decision_function_";
    public static final String PROBABILITY_PREFIX = "probability_";

    /** What the {@code prediction} column holds. */
    public enum Prediction { INTEGER_LABEL, TEXT_LABEL, VALUE }

    public static OutputSchema of(Model model) {
        boolean decision = model.hasDecisionFunction();
        if (model.predictionKind() == PredictionKind.VALUE) {
            return new OutputSchema(Prediction.VALUE, decision, new long[0], new String[0], List.of(), false);
        }
        List<Object> labels = model.labels();
        if (labels.isEmpty()) {
            throw new ShapeException(ErrorKind.INVALID_INPUT, "the " + model.estimatorClass()
                    + " model predicts labels but lists none (classes_ is empty)");
        }
        boolean integers = labels.stream().allMatch(l -> l instanceof Long || l instanceof Integer);
        long[] numbers = new long[integers ? labels.size() : 0];
        String[] texts = new String[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            Object l = labels.get(i);
            texts[i] = String.valueOf(l);
            if (integers) {
                numbers[i] = ((Number) l).longValue();
            }
        }
        return new OutputSchema(integers ? Prediction.INTEGER_LABEL : Prediction.TEXT_LABEL, decision, numbers, texts,
                model.decisionColumns(), model.hasProbabilities());
    }

    /** How many labels the model predicts (0 for regressors). */
    public int labelCount() {
        return labelTexts.length;
    }

    /** The {@code probability_<label>} columns, in label order (none without {@code predict_proba}). */
    public List<String> probabilityColumns() {
        return probabilities ? perLabel(PROBABILITY_PREFIX) : List.of();
    }

    /**
     * The double columns of the per-label buffers ({@link Predictions#perLabel}): {@code decision_function_<label>}
     * (or {@code _<i>_vs_<j>}) when the decision function is a matrix, then {@code probability_<label>}.
     */
    public List<String> labelColumns() {
        List<String> columns = new java.util.ArrayList<>(decisionSuffixes.stream().map(d -> DECISION_PREFIX + d).toList());
        columns.addAll(probabilityColumns());
        return List.copyOf(columns);
    }

    private List<String> perLabel(String prefix) {
        return java.util.Arrays.stream(labelTexts).map(l -> prefix + l).toList();
    }

    /** The column names in file order. */
    public List<String> columns() {
        List<String> columns = new java.util.ArrayList<>(List.of(ROW, PREDICTION));
        if (decisionFunction) {
            columns.add(DECISION_FUNCTION);
        }
        columns.addAll(labelColumns());
        return List.copyOf(columns);
    }
}
